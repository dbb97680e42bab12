/**
 * Graceful shutdown under load: producers keep committing while the relay and the consumer are
 * stopped mid-stream (each finishes what it started) and later replaced by new instances; every
 * committed event is then handled exactly once, in order per partition.
 */
import type { EventConsumer } from '../../src/events';
import { waitFor, waitForStable } from '../../src/testing';
import { orderViolations, RelayHarness, type RunningRelay } from './support/relay-harness';

jest.setTimeout(60_000);

const EVENTS = 600;
let harness: RelayHarness;
let producing: Promise<number>;
let afterStop: { immediately: number; settled: number };
let restarted: { relay: RunningRelay; consumer: EventConsumer } | undefined;

beforeAll(async () => {
  harness = await RelayHarness.create('relay-graceful-shutdown');
  const consumer = await harness.startConsumer('consumer-1');
  const relay = await harness.startRelay('relay-1', { batchSize: 20 });
  producing = harness.commitEvents(EVENTS, {
    partitions: 15,
    perTransaction: 3,
    workers: 3,
    maxPauseMs: 3,
  });
  await waitFor(async () => (await harness.effectCount()) >= 150, {
    timeoutMs: 30_000,
    description: '150 effects',
  });
  await Promise.all([relay.stop(), consumer.stop()]);
  const immediately = await harness.effectCount();
  afterStop = {
    immediately,
    settled: await waitForStable(() => harness.effectCount(), { stableMs: 500 }),
  };
  restarted = {
    relay: await harness.startRelay('relay-2'),
    consumer: await harness.startConsumer('consumer-2'),
  };
  await producing;
  await waitFor(async () => (await harness.effectCount()) >= EVENTS, {
    timeoutMs: 30_000,
    description: `${EVENTS} effects`,
  });
});
afterAll(async () => {
  await restarted?.relay.stop();
  await restarted?.consumer.stop();
  await harness?.cleanup();
});

describe('stopping the relay and the consumer in the middle of a stream', () => {
  it('finishes the work in progress: no handler runs after stop() resolved', () => {
    expect(afterStop.settled).toBe(afterStop.immediately);
    expect(afterStop.immediately).toBeLessThan(EVENTS);
  });

  it('after new instances start, handles every committed event exactly once', async () => {
    const total = await waitForStable(() => harness.effectCount(), { stableMs: 500 });
    const effects = await harness.effects();
    expect(total).toBe(EVENTS);
    expect(new Set(effects.map((e) => e.event_id)).size).toBe(EVENTS);
    expect(await harness.pendingInOutbox()).toBe(0);
  });

  it("delivers each partition's events in commit order across the restart", () => {
    expect(orderViolations(harness.accepted)).toEqual([]);
    expect(orderViolations(harness.arrivals)).toEqual([]);
  });
});
