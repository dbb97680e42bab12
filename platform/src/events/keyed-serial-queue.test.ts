import { KeyedSerialQueue } from './keyed-serial-queue';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('KeyedSerialQueue', () => {
  it('runs tasks of one key in order, each after the previous settles', async () => {
    const queue = new KeyedSerialQueue();
    const gate = deferred();
    const log: string[] = [];
    const first = queue.run('a', async () => {
      await gate.promise;
      log.push('a1');
    });
    const second = queue.run('a', async () => {
      log.push('a2');
    });
    await Promise.resolve();
    expect(log).toEqual([]);
    gate.resolve();
    await Promise.all([first, second]);
    expect(log).toEqual(['a1', 'a2']);
  });

  it('lets other keys run while one key waits', async () => {
    const queue = new KeyedSerialQueue();
    const gate = deferred();
    const blocked = queue.run('a', () => gate.promise);
    await expect(queue.run('b', async () => 'b done')).resolves.toBe('b done');
    gate.resolve();
    await blocked;
  });

  it('continues with the next task after one rejects', async () => {
    const queue = new KeyedSerialQueue();
    const failed = queue.run('a', async () => {
      throw new Error('nope');
    });
    await expect(failed).rejects.toThrow('nope');
    await expect(queue.run('a', async () => 2)).resolves.toBe(2);
  });

  it('forgets a key once its tasks are done', async () => {
    const queue = new KeyedSerialQueue();
    await queue.run('a', async () => undefined);
    await new Promise((r) => setImmediate(r));
    expect(queue.size).toBe(0);
  });
});
