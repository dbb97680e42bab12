/**
 * The broker drops our connections in the middle of a relay batch (closed from the broker side
 * with `rabbitmqctl close_connection`, only this suite's connections): after they come back,
 * every committed event is delivered and the consumer's effects happen exactly once, in order per
 * partition.
 */
import { settledOnlyPublisher, type EventConsumer } from '../../src/events';
import { waitFor, waitForStable } from '../../src/testing';
import { orderViolations, RelayHarness, type RunningRelay } from './support/relay-harness';

jest.setTimeout(60_000);

const EVENTS = 500;
let harness: RelayHarness;
let consumer: EventConsumer;
let relay: RunningRelay;
let cut: { connections: number; confirmedBeforeCut: number; batchSize: number } | undefined;

beforeAll(async () => {
  harness = await RelayHarness.create('relay-broker-cut');
  consumer = await harness.startConsumer();
  await harness.commitEvents(EVENTS, { partitions: 25, perTransaction: 10 });
  let batches = 0;
  relay = await harness.startRelay('relay', {
    wrapPublish: (publisher) => {
      // Batch 3: half confirmed, then every connection of this suite is closed by the broker,
      // then the other half is attempted on a channel that is gone (or being re-opened).
      const cutHalfWay = settledOnlyPublisher(async (messages) => {
        const half = Math.floor(messages.length / 2);
        const first = await publisher.publishAll(messages.slice(0, half));
        const connections = await harness.broker.cutConnections();
        cut = {
          connections,
          confirmedBeforeCut: first.filter((r) => r.status === 'fulfilled').length,
          batchSize: messages.length,
        };
        return [...first, ...(await publisher.publishAll(messages.slice(half)))];
      });
      return {
        send(messages) {
          batches++;
          return batches === 3 && messages.length >= 2
            ? cutHalfWay.send(messages)
            : publisher.send(messages);
        },
      };
    },
  });
  await waitFor(async () => (await harness.effectCount()) >= EVENTS, {
    timeoutMs: 45_000,
    description: `${EVENTS} effects`,
  });
});
afterAll(async () => {
  await relay?.stop();
  await consumer?.stop();
  await harness?.cleanup();
});

describe('a broker connection cut in the middle of a relay batch', () => {
  it('happened inside a batch, closing the relay and consumer connections', () => {
    // The third batch sent; its size depends on how the relay's loops split the backlog.
    expect(cut?.connections).toBe(2);
    expect(cut?.batchSize).toBeGreaterThanOrEqual(2);
    expect(cut?.confirmedBeforeCut).toBe(Math.floor((cut?.batchSize ?? 0) / 2));
  });

  it('leaves no committed event unpublished', async () => {
    await waitFor(async () => (await harness.pendingInOutbox()) === 0, {
      description: 'an empty outbox backlog',
    });
  });

  it('marks each event published exactly once, with no failed batch', () => {
    expect(relay.stats.published).toBe(EVENTS);
    expect(relay.stats.errors).toEqual([]);
  });

  it('gives every committed event exactly one effect', async () => {
    const total = await waitForStable(() => harness.effectCount(), { stableMs: 500 });
    const effects = await harness.effects();
    expect(total).toBe(EVENTS);
    expect(new Set(effects.map((e) => e.event_id)).size).toBe(EVENTS);
  });

  it("publishes each partition's events in commit order", () => {
    // Checked where the relay's guarantee ends, at the broker's confirms: the consumer whose
    // connection was cut gets its unacknowledged messages back in an order RabbitMQ does not
    // promise (quorum queue returns).
    expect(orderViolations(harness.accepted)).toEqual([]);
  });
});
