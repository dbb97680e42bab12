/**
 * Puts the request's correlation id into the log context (platform/src/http) and binds the
 * request and response emitters to the current async context, so listeners added to them later
 * (disconnects, streamed bodies) keep the trace and log fields (see bind-emitter.ts).
 */
import { type NextFunction, type Request, type Response } from 'express';
import { runWithLogContext } from '../telemetry/log-context';
import { bindEmitterToAddingContext } from './bind-emitter';
import { correlationIdOf } from './correlation-id.middleware';

/** Must run after `correlationId()` and `tracing()`. */
export function requestContext() {
  return function requestContext(req: Request, res: Response, next: NextFunction): void {
    runWithLogContext({ correlationId: correlationIdOf(res) }, () => {
      bindEmitterToAddingContext(req);
      bindEmitterToAddingContext(res);
      next();
    });
  };
}
