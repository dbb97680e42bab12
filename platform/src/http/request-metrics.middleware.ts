/**
 * Counts and times every request for Prometheus (platform/src/http), labelled by method, route
 * template and status: `http_requests_total`, `http_request_duration_seconds`.
 */
import { type NextFunction, type Request, type Response } from 'express';
import { type HttpMetrics } from '../telemetry/metrics';
import { routeTemplateOf } from './route-template';

export function requestMetrics(metrics: HttpMetrics) {
  return function requestMetrics(req: Request, res: Response, next: NextFunction): void {
    const stopTimer = metrics.duration.startTimer();
    res.once('close', () => {
      // An aborted request has no meaningful status; label it 499 as nginx and Kong do.
      const status = res.writableFinished ? String(res.statusCode) : '499';
      const labels = { method: req.method, route: routeTemplateOf(req), status };
      metrics.requests.inc(labels);
      stopTimer(labels);
    });
    next();
  };
}
