/**
 * Turns an OpenAPI path template into the Kong regex route path and regex_priority that decK's
 * openapi2kong writes (kong-gateway.md A8.2): regex metacharacters escaped, each `{param}` a named
 * capture of one segment, anchored with `$` (Kong adds the `^`).
 */
import { sanitizeCaptureName } from './slug';

/** openapi2kong's priorities: plain paths outrank parameterised ones of the same shape. */
export const REGEX_PRIORITY_PLAIN = 200;
export const REGEX_PRIORITY_WITH_PARAMS = 100;

/** Characters openapi2kong escapes, in its order; `{ } ] ^ | \` are deliberately left alone. */
const ESCAPED = ['(', ')', '.', '+', '?', '*', '[', '$'];

/** Captures named with 32+ characters are refused by openapi2kong (PCRE's limit). */
const MAX_CAPTURE_NAME = 32;

export interface RoutePath {
  /** `~/users/(?<id>[^#?/]+)$` */
  path: string;
  hasParameters: boolean;
}

/**
 * @param allowsEmpty tells, per raw parameter name, whether its schema has `minLength: 0`
 *   (then the capture is `[^#?/]*`, so the segment may be empty).
 */
export function routePathFor(
  template: string,
  allowsEmpty: (parameterName: string) => boolean = () => false,
): RoutePath {
  let converted = template;
  for (const char of ESCAPED) converted = converted.split(char).join(`\\${char}`);
  let hasParameters = false;
  // Escaping ran first, so a name is matched in its escaped form, exactly as openapi2kong does.
  for (const match of [...converted.matchAll(/\{([^}]+)\}/g)]) {
    hasParameters = true;
    const name = match[1]!;
    const capture = sanitizeCaptureName(name);
    if (capture.length >= MAX_CAPTURE_NAME) {
      throw new Error(
        `path-parameter name exceeds 32 characters: '${name}' (sanitized to '${capture}')`,
      );
    }
    const segment = allowsEmpty(name) ? '[^#?/]*' : '[^#?/]+';
    converted = converted.replace(`{${name}}`, `(?<${capture}>${segment})`);
  }
  return { path: `~${converted}$`, hasParameters };
}
