/**
 * What an outgoing HTTP call carries from the current request (platform/src/telemetry): W3C
 * `traceparent`/`tracestate` and `Correlation-Id`, as headers or as an openapi-fetch middleware
 * for the generated SDK clients.
 */
import { currentCorrelationId } from './log-context';
import { traceHeaders } from './trace-context';

/** The header carrying a request's correlation id, echoed on every response (contracts/README.md). */
export const CORRELATION_ID_HEADER = 'Correlation-Id';

/** Headers to add to an outgoing HTTP request made on behalf of the current request or event. */
export function outgoingContextHeaders(): Record<string, string> {
  const headers = traceHeaders();
  const correlationId = currentCorrelationId();
  if (correlationId) headers[CORRELATION_ID_HEADER] = correlationId;
  return headers;
}

/**
 * openapi-fetch middleware (structurally typed, so platform needs no openapi-fetch import):
 * `client.use(contextPropagationMiddleware)` makes every call continue the trace and keep the
 * correlation id. A header the caller already set is left alone.
 */
export const contextPropagationMiddleware = {
  onRequest({ request }: { request: Request }): Request {
    for (const [name, value] of Object.entries(outgoingContextHeaders())) {
      if (!request.headers.has(name)) request.headers.set(name, value);
    }
    return request;
  },
};
