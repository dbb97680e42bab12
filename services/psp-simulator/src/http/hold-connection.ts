/**
 * How the simulator "never answers" (services/psp-simulator): the request is held open until the
 * client gives up and closes the connection, or until `hangMs` passes, when the connection is
 * dropped without an answer; either way no response is ever written.
 */
import type { Response } from 'express';

export function holdWithoutAnswer(res: Response, hangMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (res.closed) {
      resolve();
      return;
    }
    const timer = setTimeout(() => {
      res.destroy();
      resolve();
    }, hangMs);
    timer.unref();
    res.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Waits `ms` (the simulated processing latency). */
export function delay(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}
