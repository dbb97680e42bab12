/**
 * The catalog's typed event publisher on its outbox (services/catalog/src/persistence): events
 * are appended in the caller's transaction, with the correlation and trace ids of the request.
 */
import { createCatalogPublisher } from '@bazaar/generated/events/catalog';
import { eventRegistry } from '@bazaar/generated/events/registry';
import { eventContext, outboxSink } from '@bazaar/platform/service/index';
import type pg from 'pg';

export type CatalogPublisher = ReturnType<typeof createCatalogPublisher>;

export function catalogOutbox(tx: pg.PoolClient): CatalogPublisher {
  return createCatalogPublisher(outboxSink(tx, eventRegistry), eventContext);
}
