/**
 * Provider state handlers that cannot fail unnoticed. Pact JS (16.x) only logs a warning for a
 * state it has no handler for, and answers 200 to the verifier even when a handler throws, so the
 * interaction is then verified against a provider that was never set up and may still pass. These
 * handlers remember every unknown state and every failed setup; `assertAllSetUp()`, called after
 * `verifyProvider()`, turns them into a failed verification.
 */
import type { VerifierOptions } from '@pact-foundation/pact';

type StateHandlers = NonNullable<VerifierOptions['stateHandlers']>;
type StateFunction = (params?: never) => Promise<unknown>;
/** A handler as services write them: a function, or Pact's `{ setup, teardown }`. */
type StateHandler = StateFunction | SetupAndTeardown;
type SetupAndTeardown = { setup?: StateFunction; teardown?: StateFunction };

const NOT_STATES = new Set([...Object.getOwnPropertyNames(Object.prototype), 'toJSON', 'then']);

export interface CheckedStates {
  stateHandlers: StateHandlers;
  /** Throws with every state that was unknown or whose setup failed during the verification. */
  assertAllSetUp(): void;
}

export function checkedStateHandlers(handlers: Record<string, StateHandler>): CheckedStates {
  const failures: string[] = [];
  const checked =
    (state: string, run: StateFunction): StateFunction =>
    async (params) => {
      try {
        return await run(params);
      } catch (error) {
        failures.push(`"${state}" failed: ${error instanceof Error ? error.message : error}`);
        throw error;
      }
    };
  const wrapped: Record<string, StateHandler> = {};
  for (const [state, handler] of Object.entries(handlers)) {
    if (typeof handler === 'function') {
      wrapped[state] = checked(state, handler);
    } else {
      const { setup, teardown } = handler;
      wrapped[state] = {
        ...(setup ? { setup: checked(state, setup) } : {}),
        ...(teardown ? { teardown: checked(`${state} (teardown)`, teardown) } : {}),
      };
    }
  }
  // Pact looks a state up by its sentence: answer an unknown one with a handler that records it.
  // Names JavaScript itself asks an object for (toJSON when logged, then when awaited) are not
  // states.
  const stateHandlers = new Proxy(wrapped, {
    get(target, name, receiver) {
      if (typeof name !== 'string' || Object.hasOwn(target, name) || NOT_STATES.has(name))
        return Reflect.get(target, name, receiver);
      return async () => {
        failures.push(`"${name}" has no handler`);
        return undefined;
      };
    },
  });
  return {
    stateHandlers: stateHandlers as StateHandlers,
    assertAllSetUp() {
      if (failures.length > 0)
        throw new Error(`provider states were not set up:\n  ${failures.join('\n  ')}`);
    },
  };
}
