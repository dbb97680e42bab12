/**
 * Runs one command against an order (the unit of work every use case and saga step goes through):
 * load the history, decide, and in ONE statement (so one transaction, persistence/order-write.ts)
 * append the new events at the expected version, write the public events they lead to into the
 * outbox, and rewrite the saga row. A concurrent
 * writer that appended first makes the append fail; the command is then decided again on the
 * fresh state (a few times), so no change is ever lost or applied twice.
 */
import type pg from 'pg';
import { createOrdersPublisher } from '@bazaar/generated/events/orders';
import type { EventEnvelope } from '@bazaar/platform/events/index';
import { withTransaction } from '@bazaar/platform/db/index';
import { eventContext } from '@bazaar/platform/service/index';
import { decideAndEvolve, evolve } from '../domain/order';
import type { OrderCommand } from '../domain/order-commands';
import type { OrderEvent } from '../domain/order-events';
import type { OrderState } from '../domain/order-state';
import { sagaSchedule } from '../domain/place-order-saga';
import { loadOrder, OrderConcurrencyError } from '../persistence/order-event-store';
import type { NewPlacement } from '../persistence/order-placement-store';
import { writeOrder } from '../persistence/order-write';
import type { Queryable } from '../persistence/queryable';
import type { ChargeIntent } from '../persistence/saga-store';
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
  /** The Idempotency-Key's first placement, written with the events (placeOrder). */
  placement?: NewPlacement;
  /** Extra writes in the same transaction (e.g. replacing the key's earlier placement). */
  alsoInTransaction?: (tx: pg.PoolClient, state: OrderState) => Promise<void>;
  /**
   * The order as the caller knows it to be now (`undefined`: an id nobody has used yet), to decide
   * on without reading its history again: the append at that version fails if it is stale, and
   * the command is then decided again on the history read back. A state on which the command
   * causes nothing is read back too rather than trusted.
   */
  knownState?: { state: OrderState | undefined };
}

/** The public events `events` lead to, as outbox envelopes (typed, with the caller's ids). */
async function publicEnvelopes(
  orderId: string,
  before: OrderState | undefined,
  events: readonly OrderEvent[],
): Promise<EventEnvelope[]> {
  const envelopes: EventEnvelope[] = [];
  const publisher = createOrdersPublisher(async (event) => {
    envelopes.push(event);
  }, eventContext);
  let state = before;
  for (const event of events) {
    const next = evolve(state, event, orderId);
    for (const published of publicEventsFor(state, event, next))
      await publisher.publish(published.type, published.payload as never, {
        occurredAt: new Date(published.occurredAt),
      });
    state = next;
  }
  return envelopes;
}

/**
 * Appends, publishes and schedules in one statement on `db`; throws OrderConcurrencyError on a
 * lost race (PlacementTakenError when the key's placement was taken).
 */
async function write(
  deps: Pick<UseCaseDeps, 'clock' | 'leases'>,
  db: Queryable,
  orderId: string,
  before: OrderState | undefined,
  events: OrderEvent[],
  after: OrderState,
  options: CommandOptions,
): Promise<void> {
  const now = deps.clock();
  await writeOrder(db, {
    orderId,
    expectedVersion: before?.version ?? 0,
    events,
    outbox: await publicEnvelopes(orderId, before, events),
    saga: {
      orderId,
      orderVersion: after.version,
      schedule: sagaSchedule(after, now, deps.leases),
      charge: after.step === 'CHARGING' ? (options.charge ?? null) : null,
      now,
    },
    ...(options.placement ? { placement: options.placement } : {}),
  });
}

/** Decides `command` on the current order and commits what it causes; retries lost races. */
export async function runOrderCommand(
  deps: Pick<UseCaseDeps, 'pool' | 'clock' | 'leases'>,
  orderId: string,
  command: OrderCommand,
  options: CommandOptions = {},
): Promise<CommandResult> {
  let known = options.knownState;
  for (let attempt = 1; ; attempt++) {
    const trusted = known;
    known = undefined;
    const before = trusted ? trusted.state : await loadOrder(deps.pool, orderId);
    let decided: ReturnType<typeof decideAndEvolve>;
    try {
      decided = decideAndEvolve(before, command, deps.clock(), orderId);
    } catch (error) {
      // A rule broken on the state the caller knew: judge it on the history itself.
      if (!trusted) throw error;
      attempt--;
      continue;
    }
    const { events, state } = decided;
    if (events.length === 0 || !state) {
      // Nothing to do on the state the caller knew: decide again on the history itself.
      if (trusted) {
        attempt--;
        continue;
      }
      return { state: before, events: [] };
    }
    try {
      const extra = options.alsoInTransaction;
      if (extra)
        await withTransaction(deps.pool, async (tx) => {
          await write(deps, tx, orderId, before, events, state, options);
          await extra(tx, state);
        });
      // One statement: its own transaction, no BEGIN/COMMIT round trips.
      else await write(deps, deps.pool, orderId, before, events, state, options);
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
