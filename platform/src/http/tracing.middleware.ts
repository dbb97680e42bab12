/**
 * Opens an OpenTelemetry SERVER span per HTTP request (platform/src/http), continuing the trace
 * of an incoming `traceparent` (from the gateway or a calling service), and makes it the active
 * context for the rest of the request. Done here rather than by auto-instrumentation, whose
 * current versions need Node 22.
 */
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
} from '@opentelemetry/api';
import { type NextFunction, type Request, type Response } from 'express';
import { bindToCurrentContext } from './bind-emitter';
import { routeTemplateOf } from './route-template';

const TRACER_NAME = '@bazaar/platform/http';

/** Span per request, named `<METHOD> <route template>` once the route is known. */
export function tracing() {
  return function tracing(req: Request, res: Response, next: NextFunction): void {
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = trace.getTracer(TRACER_NAME).startSpan(
      req.method,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': req.method,
          'url.path': req.path,
          'url.scheme': req.protocol,
          'client.address': req.ip ?? '',
          ...(req.headers['user-agent']
            ? { 'user_agent.original': req.headers['user-agent'] }
            : {}),
        },
      },
      parent,
    );
    res.once(
      'close',
      bindToCurrentContext(() => {
        const route = routeTemplateOf(req);
        span.updateName(`${req.method} ${route}`);
        span.setAttribute('http.route', route);
        if (res.writableFinished) {
          span.setAttribute('http.response.status_code', res.statusCode);
          // A 4xx is the client's problem; only server errors mark the span failed (OTel HTTP conventions).
          if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        } else {
          span.setStatus({
            code: SpanStatusCode.ERROR,
            message: 'connection closed before the response finished',
          });
        }
        span.end();
      }),
    );
    context.with(trace.setSpan(parent, span), next);
  };
}
