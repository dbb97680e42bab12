/**
 * What the catalog's persistence functions run their SQL on (services/catalog/src/persistence):
 * the pool for a single statement, or the client of an open transaction, and the SQLSTATEs the
 * use cases turn into answers.
 */
import type pg from 'pg';

export type Db = pg.Pool | pg.PoolClient;

/** SQLSTATE 23505 / 23503: the name of the violated constraint, or undefined for other errors. */
export function violatedConstraint(
  error: unknown,
  kind: 'unique' | 'foreign-key',
): string | undefined {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  const code = kind === 'unique' ? '23505' : '23503';
  if (!e || typeof e !== 'object' || e.code !== code) return undefined;
  return typeof e.constraint === 'string' ? e.constraint : '';
}

/** int8 and numeric columns arrive as strings (pg keeps their full range); ours fit a double. */
export function toNumber(value: string | number): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`${value} is not a safe integer`);
  return n;
}
