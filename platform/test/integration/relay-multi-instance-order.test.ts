/**
 * Two relay instances on one outbox: they publish disjoint partitions at the same time (a
 * partition another relay holds is skipped, not published twice or out of turn), and with
 * producers committing concurrently and interleaved, each partition's events still reach the
 * consumer in commit order, each exactly once.
 */
import { settledOnlyPublisher, type OutgoingEvent, type EventConsumer } from '../../src/events';
import { waitFor, waitForStable } from '../../src/testing';
import { orderViolations, RelayHarness, type RunningRelay } from './support/relay-harness';

jest.setTimeout(60_000);

let harness: RelayHarness;
let consumer: EventConsumer;
const relays: RunningRelay[] = [];

beforeAll(async () => {
  harness = await RelayHarness.create('relay-multi-instance-order');
  consumer = await harness.startConsumer();
});
afterAll(async () => {
  for (const relay of relays) await relay.stop();
  await consumer?.stop();
  await harness?.cleanup();
});

function partitionsOf(messages: readonly OutgoingEvent[]): Set<string> {
  return new Set(messages.map((m) => JSON.parse(m.content.toString()).partitionKey as string));
}

describe('two relays running at once', () => {
  it('publish disjoint partitions while one of them is mid-batch', async () => {
    await harness.commitEvents(400, { partitions: 40, perTransaction: 10 });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let heldPartitions = new Set<string>();
    let heldBatchStarted!: () => void;
    const heldBatch = new Promise<void>((r) => (heldBatchStarted = r));
    const publishedByB = new Set<string>();

    // Relay A stalls inside its first batch, holding that batch's partitions. One loop only: a
    // second loop of A would publish the rest itself, leaving B too little to show it runs.
    let aBatches = 0;
    relays.push(
      await harness.startRelay('relay-a', {
        batchSize: 10,
        concurrency: 1,
        wrapPublish: (publisher) => ({
          send(messages) {
            if (++aBatches > 1) return publisher.send(messages);
            return settledOnlyPublisher(async (first) => {
              heldPartitions = partitionsOf(first);
              heldBatchStarted();
              await held;
              return publisher.publishAll(first);
            }).send(messages);
          },
        }),
      }),
    );
    await heldBatch;
    relays.push(
      await harness.startRelay('relay-b', {
        batchSize: 10,
        wrapPublish: (publisher) => ({
          send(messages) {
            for (const p of partitionsOf(messages)) publishedByB.add(p);
            return publisher.send(messages);
          },
        }),
      }),
    );
    let overlap: string[];
    try {
      await waitFor(() => relays[1]!.stats.published >= 100, {
        description: 'relay B to publish 100 events',
      });
      // What B sent while A held its partitions (before A lets go of them).
      overlap = [...publishedByB].filter((p) => heldPartitions.has(p));
    } finally {
      // Never leave A stalled: the next test shares the outbox.
      release();
    }
    expect(heldPartitions.size).toBeGreaterThan(0);
    expect(overlap).toEqual([]);
    await waitFor(async () => (await harness.pendingInOutbox()) === 0, {
      description: 'an empty backlog',
    });
  });

  it("deliver each partition's events in commit order, exactly once, under interleaved commits", async () => {
    await harness.commitEvents(800, {
      partitions: 12,
      perTransaction: 2,
      workers: 6,
      maxPauseMs: 4,
    });
    await waitFor(async () => (await harness.effectCount()) >= 1_200, {
      timeoutMs: 45_000,
      description: '1200 effects',
    });
    const total = await waitForStable(() => harness.effectCount(), { stableMs: 500 });
    const effects = await harness.effects();
    expect(total).toBe(1_200);
    expect(new Set(effects.map((e) => e.event_id)).size).toBe(1_200);
    expect(orderViolations(harness.accepted)).toEqual([]);
    expect(orderViolations(harness.arrivals)).toEqual([]);
    expect(relays.map((r) => r.stats.errors)).toEqual([[], []]);
  });
});
