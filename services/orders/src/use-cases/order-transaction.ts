/**
 * Runs one command against an order (the unit of work every use case and saga step goes through):
 * load the history, decide, and in ONE transaction append the new events at the expected version,
 * write the public events they lead to into the outbox, and rewrite the saga row. A concurrent
 * writer that appended first makes the append fail; the command is then decided again on the
 * fresh state (a few times), so no change is ever lost or applied twice.
 */
import type pg from 'pg';
import { eventRegistry } from '@bazaar/generated/events/registry';
import { createOrdersPublisher } from '@bazaar/generated/events/orders';
import { withTransaction } from '@bazaar/platform/db/index';
import { eventContext, outboxSink } from '@bazaar/platform/service/index';
import { decideAndEvolve, evolve } from '../domain/order';
import type { OrderCommand } from '../domain/order-commands';
import type { OrderEvent } from '../domain/order-events';
import type { OrderState } from '../domain/order-state';
import { sagaSchedule } from '../domain/place-order-saga';
import {
  appendOrderEvents,
  loadOrder,
  OrderConcurrencyError,
} from '../persistence/order-event-store';
import { saveSaga, type ChargeIntent } from '../persistence/saga-store';
import { publicEventsFor } from './public-order-events';
import type { UseCaseDeps } from './use-case-deps';

const MAX_TRIES = 5;

export interface CommandResult {
  state: OrderState | undefined;
  /** The events this call appended (none when the command was already applied). */
  events: OrderEvent[];
}

export interface CommandOptions {
  /** Kept in the saga row when the command starts a charge. */
  charge?: ChargeIntent;
  /** Extra writes in the same transaction (e.g. the Idempotency-Key placement record). */
  alsoInTransaction?: (tx: pg.PoolClient, state: OrderState) => Promise<void>;
}

/** Appends, publishes and schedules inside `tx`; throws OrderConcurrencyError on a lost race. */
async function write(
  deps: Pick<UseCaseDeps, 'clock' | 'leases'>,
  tx: pg.PoolClient,
  orderId: string,
  before: OrderState | undefined,
  events: OrderEvent[],
  after: OrderState,
  options: CommandOptions,
): Promise<void> {
  await appendOrderEvents(tx, orderId, before?.version ?? 0, events);
  const publisher = createOrdersPublisher(outboxSink(tx, eventRegistry), eventContext);
  let state = before;
  for (const event of events) {
    const next = evolve(state, event, orderId);
    for (const published of publicEventsFor(state, event, next))
      await publisher.publish(published.type, published.payload as never, {
        occurredAt: new Date(published.occurredAt),
      });
    state = next;
  }
  await saveSaga(tx, {
    orderId,
    orderVersion: after.version,
    schedule: sagaSchedule(after, deps.clock(), deps.leases),
    charge: after.step === 'CHARGING' ? (options.charge ?? null) : null,
    now: deps.clock(),
  });
  await options.alsoInTransaction?.(tx, after);
}

/** Decides `command` on the current order and commits what it causes; retries lost races. */
export async function runOrderCommand(
  deps: Pick<UseCaseDeps, 'pool' | 'clock' | 'leases'>,
  orderId: string,
  command: OrderCommand,
  options: CommandOptions = {},
): Promise<CommandResult> {
  for (let attempt = 1; ; attempt++) {
    const before = await loadOrder(deps.pool, orderId);
    const { events, state } = decideAndEvolve(before, command, deps.clock(), orderId);
    if (events.length === 0 || !state) return { state: before, events: [] };
    try {
      await withTransaction(deps.pool, (tx) =>
        write(deps, tx, orderId, before, events, state, options),
      );
      return { state, events };
    } catch (error) {
      if (!(error instanceof OrderConcurrencyError) || attempt >= MAX_TRIES) throw error;
    }
  }
}

/**
 * The same inside a transaction someone else owns (an event handler's inbox transaction): no
 * retry here, a lost race fails the transaction and the consumer redelivers the event.
 */
export async function runOrderCommandIn(
  deps: Pick<UseCaseDeps, 'clock' | 'leases'>,
  tx: pg.PoolClient,
  orderId: string,
  command: OrderCommand,
): Promise<CommandResult> {
  const before = await loadOrder(tx, orderId);
  const { events, state } = decideAndEvolve(before, command, deps.clock(), orderId);
  if (events.length === 0 || !state) return { state: before, events: [] };
  await write(deps, tx, orderId, before, events, state, {});
  return { state, events };
}
