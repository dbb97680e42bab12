/** An EventLogger that keeps every line, so tests can wait for what the platform reported. */
import type { EventLogger } from '../../../src/events';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string | undefined;
}

export function collectingLogger(): EventLogger & {
  lines: LogLine[];
  messages(level?: LogLine['level']): string[];
} {
  const lines: LogLine[] = [];
  const at =
    (level: LogLine['level']) =>
    (fields: object, message?: string): void => {
      lines.push({ level, fields: fields as Record<string, unknown>, message });
    };
  return {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    messages: (level) =>
      lines.filter((l) => !level || l.level === level).map((l) => l.message ?? ''),
  };
}
