/**
 * Binds an EventEmitter's listeners to the async context current when they are added
 * (platform/src/http). Node emits request/response events ('close', 'data' …) from the socket's
 * context, so a listener a handler adds (an SSE or WebSocket disconnect, a streamed upload) would
 * otherwise log without the request's trace and correlation ids. (raw-body, behind express.json,
 * already binds its own callbacks; this covers everything else.)
 */
import { AsyncResource } from 'node:async_hooks';
import { type EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => void;

/**
 * `fn`, to run in the async context current now (every AsyncLocalStorage, OpenTelemetry's
 * included). What AsyncResource.bind does, without its cost per call: Node 20's bind also
 * defines a deprecated `asyncResource` accessor on every bound function (two util.deprecate
 * wrappers and a defineProperties each time), several µs on every listener of every request.
 */
export function bindToCurrentContext<Args extends unknown[], R>(
  fn: (...args: Args) => R,
): (...args: Args) => R {
  const resource = new AsyncResource('bazaar.bound-listener');
  return function bound(this: unknown, ...args: Args): R {
    return resource.runInAsyncScope(fn, this, ...args);
  };
}

const ADD_METHODS = [
  'on',
  'addListener',
  'once',
  'prependListener',
  'prependOnceListener',
] as const;
const REMOVE_METHODS = ['off', 'removeListener'] as const;

/**
 * Patches `emitter` so each listener added from now on runs in the async context (every
 * AsyncLocalStorage, OpenTelemetry's included) of the code that added it; removal keeps working
 * with the original listener.
 */
export function bindEmitterToAddingContext(emitter: EventEmitter): void {
  const bound = new Map<string | symbol, WeakMap<Listener, Listener>>();
  const target = emitter as unknown as Record<
    string,
    (event: string | symbol, listener: Listener) => EventEmitter
  >;
  for (const method of ADD_METHODS) {
    const original = target[method]!;
    target[method] = function addBound(this: EventEmitter, event, listener) {
      const wrapped = bindToCurrentContext(listener);
      let byListener = bound.get(event);
      if (!byListener) bound.set(event, (byListener = new WeakMap()));
      byListener.set(listener, wrapped);
      return original.call(this, event, wrapped);
    };
  }
  for (const method of REMOVE_METHODS) {
    const original = target[method]!;
    target[method] = function removeBound(this: EventEmitter, event, listener) {
      return original.call(this, event, bound.get(event)?.get(listener) ?? listener);
    };
  }
}
