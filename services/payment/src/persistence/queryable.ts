/** What the stores of services/payment/src/persistence need: a pool or a client inside a transaction. */
import type pg from 'pg';

export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;
