// Shapes shared by every contract gate of `make contracts-check` (tools/contracts/check-contracts.ts):
// JSON values, findings with their JSON pointers, and the outcome a gate hands to the report.

export type JsonObject = Record<string, unknown>;

/** Who reads a schema: `request` = what clients send (server reads), `response` = what clients read. */
export type Direction = 'request' | 'response';

/** One incompatible difference inside a schema or document, located by a JSON pointer. */
export type Change = { pointer: string; message: string };

/** A breaking change: `<document> <subject> #<pointer>: <message>`. */
export type BreakingChange = {
  document: string;
  subject: string;
  pointer: string;
  message: string;
};

/** What each gate returns to the orchestrator: pass/fail plus the lines of its report. */
export type GateOutcome = {
  name: string;
  ok: boolean;
  summary: string;
  lines: string[];
  seconds: number;
};

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

/** RFC 6901 escaping of one reference token. */
export function pointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function joinPointer(base: string, ...tokens: (string | number)[]): string {
  return tokens.reduce<string>((acc, token) => `${acc}/${pointerToken(token)}`, base);
}

export function formatBreaking(change: BreakingChange): string {
  return `${change.document} ${change.subject} #${change.pointer}: ${change.message}`;
}
