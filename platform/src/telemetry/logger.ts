/**
 * The JSON logger every service writes with (pino, platform/src/telemetry): each line carries the
 * service name, the active traceId/spanId and the current log context (correlationId, userId,
 * eventType/eventId …), and credentials are redacted before anything is written.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import { getLogContext } from './log-context';
import { currentTraceIds } from './trace-context';

export type { Logger } from 'pino';

/** Paths censored in every log line: auth headers, cookies, passwords, tokens, secrets. */
export const REDACTED_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  ...[
    'authorization',
    'password',
    'newPassword',
    'currentPassword',
    'token',
    'accessToken',
    'refreshToken',
    'idToken',
    'secret',
    'clientSecret',
    'apiKey',
    'jwt',
  ].flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];

export interface LoggerOptions {
  /** Service name written on every line as `service`. */
  service: string;
  /** Lowest level written. Default `info`. */
  level?: string;
  /** Where lines go; default stdout. Tests pass a stream that collects lines. */
  destination?: DestinationStream;
  /** More paths to censor, in pino's redact syntax. */
  redact?: readonly string[];
}

/**
 * Creates the service logger.
 * @example const logger = createLogger({ service: 'orders', level: config.logLevel });
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACTED_PATHS, ...(options.redact ?? [])], censor: '[REDACTED]' },
      // Called for every line: the request/event context and the active span, read at write time.
      mixin: () => ({ ...getLogContext(), ...currentTraceIds() }),
    },
    // Synchronous stdout: a crash or process.exit never loses the last lines.
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
