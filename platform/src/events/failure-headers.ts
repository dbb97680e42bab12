/**
 * Headers the consumer adds when it sends a message to a retry queue or to the dead-letter queue
 * (platform/src/events), so that anyone inspecting `bazaar.<service>.dlq` sees why, after how many
 * attempts, and what the original routing key was.
 */

/** Why a message was dead-lettered: the registry's rejections, or the handler's failure. */
export type FailureReason =
  'not-json' | 'not-an-envelope' | 'unknown-type' | 'schema' | 'handler-failed' | 'no-handler';

export const HEADER = {
  attempts: 'x-bazaar-attempts',
  reason: 'x-bazaar-failure-reason',
  originalRoutingKey: 'x-bazaar-original-routing-key',
  originalExchange: 'x-bazaar-original-exchange',
  error: 'x-bazaar-error',
  errorStack: 'x-bazaar-error-stack',
  failedAt: 'x-bazaar-failed-at',
  consumer: 'x-bazaar-consumer',
} as const;

/** Headers RabbitMQ maintains itself; a republished copy starts without them. */
const BROKER_HEADERS = [
  'x-death',
  'x-first-death-exchange',
  'x-first-death-queue',
  'x-first-death-reason',
  'x-last-death-exchange',
  'x-last-death-queue',
  'x-last-death-reason',
  'x-delivery-count',
];

const MAX_HEADER_TEXT = 1_000;

/** Failed handler runs recorded on the message so far (0 on first delivery). */
export function attemptsSoFar(headers: Record<string, unknown> | undefined): number {
  const value = Number(headers?.[HEADER.attempts] ?? 0);
  return Number.isInteger(value) && value >= 0 ? value : 0;
}

/** The routing key the message was first published with (retries arrive under the queue's name). */
export function originalRoutingKey(
  headers: Record<string, unknown> | undefined,
  deliveredWith: string,
): string {
  const value = headers?.[HEADER.originalRoutingKey];
  return typeof value === 'string' ? value : deliveredWith;
}

function clip(text: string): string {
  return text.length > MAX_HEADER_TEXT ? `${text.slice(0, MAX_HEADER_TEXT - 1)}…` : text;
}

/** The first line of an error's message, and the first frame of its stack. */
export function describeError(error: unknown): { message: string; stackLine?: string } {
  if (!(error instanceof Error)) return { message: clip(String(error).split('\n')[0] ?? '') };
  const frame = error.stack?.split('\n').find((line) => line.trimStart().startsWith('at '));
  return {
    message: clip(error.message.split('\n')[0] ?? ''),
    stackLine: frame ? clip(frame.trim()) : undefined,
  };
}

export interface FailureHeaderInput {
  headers: Record<string, unknown> | undefined;
  attempts: number;
  routingKey: string;
  exchange: string;
  consumer: string;
}

/** Headers of the copy sent to a retry queue. */
export function retryHeaders(input: FailureHeaderInput, error: unknown): Record<string, unknown> {
  const headers = { ...input.headers };
  for (const name of BROKER_HEADERS) delete headers[name];
  return {
    ...headers,
    [HEADER.attempts]: input.attempts,
    [HEADER.originalRoutingKey]: input.routingKey,
    [HEADER.originalExchange]: input.exchange,
    [HEADER.error]: describeError(error).message,
  };
}

/** Headers of the copy sent to the dead-letter queue. */
export function deadLetterHeaders(
  input: FailureHeaderInput,
  reason: FailureReason,
  error: unknown,
  now: Date = new Date(),
): Record<string, unknown> {
  const { stackLine } = describeError(error);
  const headers: Record<string, unknown> = {
    ...retryHeaders(input, error),
    [HEADER.reason]: reason,
    [HEADER.failedAt]: now.toISOString(),
    [HEADER.consumer]: input.consumer,
  };
  if (stackLine) headers[HEADER.errorStack] = stackLine;
  else delete headers[HEADER.errorStack];
  return headers;
}
