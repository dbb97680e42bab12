/**
 * What every inventory use case needs from outside (wired in service.ts): the database pool and a
 * clock, injected so tests can pin time.
 */
import type pg from 'pg';

export interface UseCaseDeps {
  pool: pg.Pool;
  clock: () => Date;
}
