/**
 * What the catalog's use cases work with (services/catalog/src/use-cases): the database, the
 * product cache, a clock and an id source (tests may fix both).
 */
import type pg from 'pg';
import type { ProductCache } from '../persistence/product-cache';

export interface CatalogDeps {
  pool: pg.Pool;
  cache: ProductCache;
  clock: () => Date;
  newId: () => string;
}
