/**
 * Kong's error bodies and their content negotiation (kong-gateway.md A7.3, kong/tools/http.lua
 * `get_response_type`/ERROR_TEMPLATES, kong/error_handlers.lua): JSON, HTML, XML or plain text
 * with the message and request id inserted verbatim.
 */

const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';
const XML_TYPE = 'application/xml; charset=utf-8';
const PLAIN_TYPE = 'text/plain; charset=utf-8';

/** Exact media types and `type/*` wildcards Kong maps to a template; anything else gets JSON. */
const MIME_TYPES: Record<string, string> = {
  'text/html': HTML_TYPE,
  'application/json': JSON_TYPE,
  'text/plain': PLAIN_TYPE,
  'application/xml': XML_TYPE,
  application: JSON_TYPE,
  text: PLAIN_TYPE,
};

const ACCEPT_ENTRY =
  /^((?:[a-z0-9][a-z0-9\-!#$&^_+.]+|\*)\/(?:[a-z0-9][a-z0-9\-!#$&^_+.]+|\*))(?:\s*;\s*q=(1(?:\.0{0,3}|)|0(?:\.\d{0,3}|))|\s*;\s*[a-z0-9][a-z0-9\-!#$&^_+.]+(?:=[^;]*|))*/i;

function mimeFor(mediaType: string): string {
  const [type, subtype] = mediaType.split('/', 2) as [string, string];
  if (subtype === '*') return type === '*' ? JSON_TYPE : (MIME_TYPES[type] ?? JSON_TYPE);
  return MIME_TYPES[mediaType] ?? JSON_TYPE;
}

/** The response Content-Type for an `Accept` value: the highest q wins, the first on ties. */
export function negotiateErrorType(accept: string | undefined): string {
  if (accept === undefined) return JSON_TYPE;
  let best = JSON_TYPE;
  let bestQ = 0;
  for (const raw of accept.split(',')) {
    const m = ACCEPT_ENTRY.exec(raw.trim());
    if (!m) continue;
    // A q parameter repeated in one entry: the last occurrence is what the regex captures.
    const q = m[2] === undefined ? 1 : Number(m[2]);
    if (q > bestQ) {
      bestQ = q;
      best = mimeFor(m[1]!);
    }
  }
  return best;
}

/** Renders a template. Message and id are inserted verbatim, like Kong's `string.format`. */
export function renderErrorBody(contentType: string, message: string, requestId: string): string {
  switch (contentType) {
    case HTML_TYPE:
      return (
        '<!doctype html>\n<html>\n  <head>\n    <meta charset="utf-8">\n    <title>Error</title>\n  </head>\n' +
        `  <body>\n    <h1>Error</h1>\n    <p>${message}.</p>\n    <p>request_id: ${requestId}</p>\n  </body>\n</html>\n`
      );
    case XML_TYPE:
      return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<error>\n' +
        `  <message>${message}</message>\n  <requestid>${requestId}</requestid>\n</error>\n`
      );
    case PLAIN_TYPE:
      return `${message}\nrequest_id: ${requestId}\n`;
    default:
      return `{\n  "message":"${message}",\n  "request_id":"${requestId}"\n}`;
  }
}

/** Default messages of `kong.response.error` (kong/pdk/response.lua HTTP_ERROR_MESSAGES). */
const PDK_MESSAGES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  408: 'Request timeout',
  411: 'Length required',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  417: 'Expectation failed',
  426: 'Upgrade required',
  429: 'Too many requests',
  494: 'Request header or cookie too large',
  500: 'An unexpected error occurred',
  502: 'An invalid response was received from the upstream server',
  503: 'The upstream server is currently unavailable',
  504: 'The upstream server is timing out',
};

export function defaultErrorMessage(status: number): string {
  return PDK_MESSAGES[status] ?? `The upstream server responded with ${status}`;
}

/**
 * The Content-Type nginx-level errors (502/504/400…) use: from `Accept`, else from the request
 * `Content-Type`, else `error_default_type` (text/plain) — kong/error_handlers.lua.
 */
export function errorHandlerType(
  accept: string | undefined,
  contentType: string | undefined,
): string {
  return negotiateErrorType(accept ?? contentType ?? 'text/plain');
}
