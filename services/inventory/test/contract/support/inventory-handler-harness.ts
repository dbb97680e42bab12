/**
 * Delivers a message to inventory's real event handlers the way its consumer does: validated
 * against the event registry, then run once through the inbox in a transaction on a test
 * database (services/inventory/test/contract).
 */
import type { InventoryReceiveType } from '@bazaar/generated/events/inventory';
import { eventRegistry } from '@bazaar/generated/events/registry';
import { handleOnce, silentLogger } from '@bazaar/platform/events/index';
import { createTestDatabase, type TestDatabase } from '@bazaar/platform/testing/index';
import { inventorySubscriptions } from '../../../src/event-handlers/subscriptions';
import { INVENTORY_MIGRATIONS_DIR } from '../../../src/service';

export interface InventoryHandlerHarness {
  database: TestDatabase;
  /** Validates `message` as the consumer would and runs its handler once; false if a duplicate. */
  deliver(message: unknown): Promise<boolean>;
  close(): Promise<void>;
}

export async function inventoryHandlerHarness(suite: string): Promise<InventoryHandlerHarness> {
  const database = await createTestDatabase(suite, {
    serviceMigrationsDir: INVENTORY_MIGRATIONS_DIR,
  });
  return {
    database,
    async deliver(message) {
      const validation = eventRegistry.validate(message);
      if (!validation.ok)
        throw new Error(
          `inventory would dead-letter this message: ${validation.errors.join('; ')}`,
        );
      const event = validation.event;
      const handler = inventorySubscriptions[event.eventType as InventoryReceiveType] as
        ((event: unknown, ctx: unknown) => Promise<void>) | undefined;
      if (!handler) throw new Error(`inventory does not receive ${event.eventType}`);
      const outcome = await handleOnce(database.pool, 'inventory', event, (db) =>
        handler(event, {
          db,
          log: silentLogger,
          attempt: 1,
          consumer: 'inventory',
          redelivered: false,
        }),
      );
      return outcome.handled;
    },
    close: () => database.drop(),
  };
}
