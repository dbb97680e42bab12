/** What the stores need of pg (services/identity/src/persistence): a pool, or a client inside a transaction. */
import type { QueryResult, QueryResultRow } from 'pg';

export interface Queryable {
  query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}
