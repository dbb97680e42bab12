/**
 * Delivers a message to orders' real event handlers (src/event-handlers/subscriptions.ts) the way
 * its consumer does: validated against the event registry, then run through the inbox in a
 * transaction on a test database with orders' migrations.
 */
import type { OrdersReceiveType } from '@bazaar/generated/events/orders';
import { eventRegistry } from '@bazaar/generated/events/registry';
import { handleOnce, silentLogger } from '@bazaar/platform/events/index';
import { createTestDatabase, type TestDatabase } from '@bazaar/platform/testing/index';
import { ordersSubscriptions } from '../../../src/event-handlers/subscriptions';
import { ORDERS_MIGRATIONS_DIR } from '../../../src/service';
import { CONTRACT_TEST_LEASES, type OrderScenarioDeps } from './order-scenarios';

export interface OrdersHandlerHarness {
  database: TestDatabase;
  deps: OrderScenarioDeps;
  /** Validates `message` as the consumer would and runs its handler once; false if a duplicate. */
  deliver(message: unknown): Promise<boolean>;
  close(): Promise<void>;
}

/** `clock` is what the handlers and the seeding see as now (default: the real time). */
export async function ordersHandlerHarness(
  suite: string,
  clock: () => Date = () => new Date(),
): Promise<OrdersHandlerHarness> {
  const database = await createTestDatabase(suite, { serviceMigrationsDir: ORDERS_MIGRATIONS_DIR });
  const deps: OrderScenarioDeps = { pool: database.pool, clock, leases: CONTRACT_TEST_LEASES };
  const handlers = ordersSubscriptions(deps);
  return {
    database,
    deps,
    async deliver(message) {
      const validation = eventRegistry.validate(message);
      if (!validation.ok)
        throw new Error(`orders would dead-letter this message: ${validation.errors.join('; ')}`);
      const event = validation.event;
      const handler = handlers[event.eventType as OrdersReceiveType] as
        ((event: unknown, ctx: unknown) => Promise<void>) | undefined;
      if (!handler) throw new Error(`orders does not receive ${event.eventType}`);
      const outcome = await handleOnce(database.pool, 'orders', event, (db) =>
        handler(event, {
          db,
          log: silentLogger,
          attempt: 1,
          consumer: 'orders',
          redelivered: false,
        }),
      );
      return outcome.handled;
    },
    close: () => database.drop(),
  };
}
