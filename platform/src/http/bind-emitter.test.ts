import { AsyncLocalStorage } from 'node:async_hooks';
import { EventEmitter } from 'node:events';
import { bindEmitterToAddingContext, bindToCurrentContext } from './bind-emitter';

const storage = new AsyncLocalStorage<string>();

describe('bindEmitterToAddingContext', () => {
  it('runs a listener in the context where it was added, not where the event is emitted', () => {
    const emitter = new EventEmitter();
    bindEmitterToAddingContext(emitter);
    const seen: (string | undefined)[] = [];
    storage.run('request-1', () => emitter.on('data', () => seen.push(storage.getStore())));
    storage.run('socket', () => emitter.emit('data'));
    expect(seen).toEqual(['request-1']);
  });

  it('binds once-listeners too', () => {
    const emitter = new EventEmitter();
    bindEmitterToAddingContext(emitter);
    const seen: (string | undefined)[] = [];
    storage.run('request-1', () => emitter.once('end', () => seen.push(storage.getStore())));
    emitter.emit('end');
    emitter.emit('end');
    expect(seen).toEqual(['request-1']);
  });

  it('removes a listener given the original function', () => {
    const emitter = new EventEmitter();
    bindEmitterToAddingContext(emitter);
    const listener = jest.fn();
    emitter.on('data', listener);
    emitter.removeListener('data', listener);
    emitter.on('end', listener);
    emitter.off('end', listener);
    emitter.emit('data');
    emitter.emit('end');
    expect(listener).not.toHaveBeenCalled();
    expect(emitter.listenerCount('data') + emitter.listenerCount('end')).toBe(0);
  });
});

describe('bindToCurrentContext', () => {
  it('runs the function in the context it was bound in, passing this, arguments and result', () => {
    const target = { name: 'emitter' };
    const bound = storage.run('request-2', () =>
      bindToCurrentContext(function (this: unknown, a: number, b: number) {
        return { store: storage.getStore(), self: this, sum: a + b };
      }),
    );
    const result = storage.run('socket', () => bound.call(target, 2, 3));
    expect(result).toEqual({ store: 'request-2', self: target, sum: 5 });
  });
});
