/**
 * The one database type the inventory persistence functions take: a pool for single statements or
 * a client inside a use case's open transaction.
 */
import type pg from 'pg';

export type Db = Pick<pg.ClientBase, 'query'>;
