/** The type of one catalog event handler, by routing key (generated CatalogSubscriptions). */
import type { CatalogReceiveType, CatalogSubscriptions } from '@bazaar/generated/events/catalog';
import type { EventHandlerContext } from '@bazaar/platform/events/index';

export type CatalogEventHandler<T extends CatalogReceiveType> =
  CatalogSubscriptions<EventHandlerContext>[T];
