/**
 * Writes one JSON log line per finished request (platform/src/http): method, route template, path
 * (never the query string, which may hold a `?jwt=` token), status and duration, with the
 * request's correlation, trace and user fields from the log context.
 */
import { performance } from 'node:perf_hooks';
import { type NextFunction, type Request, type Response } from 'express';
import { type Logger } from '../telemetry/logger';
import { bindToCurrentContext } from './bind-emitter';
import { routeTemplateOf } from './route-template';

export function requestLogging(logger: Logger) {
  return function requestLogging(req: Request, res: Response, next: NextFunction): void {
    const started = performance.now();
    res.once(
      'close',
      bindToCurrentContext(() => {
        const aborted = !res.writableFinished;
        const status = aborted ? 499 : res.statusCode;
        const line = {
          method: req.method,
          route: routeTemplateOf(req),
          path: req.originalUrl.split('?')[0],
          status,
          durationMs: Math.round((performance.now() - started) * 1000) / 1000,
          remoteAddress: req.ip,
        };
        if (status >= 500) logger.warn(line, 'request failed');
        else logger.info(line, aborted ? 'request aborted by client' : 'request completed');
      }),
    );
    next();
  };
}
