/**
 * `make bench` — the transactional outbox relay (platform/src/events) against a bare amqplib loop,
 * measured in the same run on the same PostgreSQL and RabbitMQ:
 * (a) throughput: N events already committed to the outbox, relayed with publisher confirms to a
 *     quorum queue and consumed (ack only), against a bare confirm-channel publish → consume of
 *     the same N messages on the same kind of queue;
 * (b) latency at a fixed offered rate of 1,000 events/s: commit → handled by the platform consumer
 *     (registry validation + inbox transaction + handler), beside bare publish → consume.
 * As in production, the producing service commits its events and runs its relay in one process
 * (this one), and the consuming service is another process (this file forked as a child); times
 * are compared on the clock both share (performance.timeOrigin + now()).
 * Targets: relay ≥ 50 % of the bare loop's events/s; commit → handled p99 ≤ 50 ms at 1,000/s.
 * Exits 1 when a target is missed. BENCH_EVENTS (default 20000) and BENCH_SECONDS (default 10)
 * size the runs.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import amqp, { type ConfirmChannel } from 'amqplib';
import { createPool, withTransaction } from '../../platform/src/db';
import {
  appendToOutbox,
  BrokerConnection,
  createEnvelope,
  createEventConsumer,
  EventPublisher,
  OutboxRelay,
  type EventEnvelope,
  type EventRegistry,
} from '../../platform/src/events';
import {
  createTestBroker,
  createTestDatabase,
  type TestBroker,
  type TestDatabase,
} from '../../platform/src/testing';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RATE = 1_000;
const WARMUP_MS = 1_000;
const EVENT_TYPE = 'ecommerce.bench.item.changed.v1';
/** Aggregates the events belong to (the relay orders events per aggregate). */
const PARTITIONS = 100;

/** Accepts the bench's one event type; a real service's generated registry does the schema work. */
const registry: EventRegistry = {
  types: [EVENT_TYPE],
  validate(value) {
    const event = value as EventEnvelope;
    if (typeof value !== 'object' || value === null || typeof event.eventId !== 'string') {
      return { ok: false, reason: 'not-an-envelope', errors: ['not an envelope'] };
    }
    if (event.eventType !== EVENT_TYPE) {
      return { ok: false, reason: 'unknown-type', errors: [event.eventType] };
    }
    return { ok: true, event };
  },
};

function benchEvent(i: number): EventEnvelope {
  const itemId = `item-${i % PARTITIONS}`;
  return createEnvelope({
    eventType: EVENT_TYPE,
    payload: { itemId, n: i, note: 'a payload of a typical size for an order or stock event' },
    producer: 'bench',
    partitionKey: itemId,
    schemaVersion: '1.0',
  });
}

/** Milliseconds on a clock every process on this machine shares. */
function clock(): number {
  return performance.timeOrigin + performance.now();
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function until(done: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(2);
  }
}

/** Calls `send(i)` at RATE per second (open loop: late sends catch up, nothing waits for replies). */
async function offerAtFixedRate(send: (i: number) => void): Promise<number> {
  const total = RATE * SECONDS;
  const started = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * RATE));
    while (sent < due) send(sent++);
    await delay(1);
  }
  return total;
}

type BrokerNames = Pick<TestBroker, 'url' | 'exchange' | 'queuePrefix' | 'connectionPrefix'>;

function brokerNames(broker: TestBroker): BrokerNames {
  const { url, exchange, queuePrefix, connectionPrefix } = broker;
  return { url, exchange, queuePrefix, connectionPrefix };
}

/** A quorum queue bound to the bench event type, consumed with an ack per message. */
async function bareConsumer(
  broker: BrokerNames,
  name: string,
  onMessage: (id: string) => void = () => undefined,
): Promise<{ received: () => number; close: () => Promise<void> }> {
  const connection = await amqp.connect(broker.url, {
    clientProperties: { connection_name: `${broker.connectionPrefix}:${name}` },
  });
  const channel = await connection.createChannel();
  const queue = `${broker.queuePrefix}.${name}`;
  await channel.assertExchange(broker.exchange, 'topic', { durable: true });
  await channel.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  await channel.bindQueue(queue, broker.exchange, EVENT_TYPE);
  await channel.prefetch(200);
  let received = 0;
  await channel.consume(queue, (message) => {
    if (!message) return;
    received++;
    onMessage(message.properties.messageId as string);
    channel.ack(message);
  });
  return {
    received: () => received,
    // Deleted, not just left behind: it stays bound to the event type, and every later phase would
    // also have to persist (and wait for the quorum confirms of) a copy of each message in it.
    close: async () => {
      await channel.deleteQueue(queue);
      await connection.close();
    },
  };
}

async function bareChannel(broker: BrokerNames, name: string) {
  const connection = await amqp.connect(broker.url, {
    clientProperties: { connection_name: `${broker.connectionPrefix}:${name}` },
  });
  return { connection, channel: await connection.createConfirmChannel() };
}

/** Publishes with a sliding window of outstanding confirms (the fastest honest bare publisher). */
async function publishWindowed(
  channel: ConfirmChannel,
  exchange: string,
  events: readonly EventEnvelope[],
): Promise<void> {
  const WINDOW = 1_000;
  let outstanding = 0;
  let release: (() => void) | undefined;
  for (const event of events) {
    while (outstanding >= WINDOW) await new Promise<void>((r) => (release = r));
    outstanding++;
    const options = { persistent: true, messageId: event.eventId, type: EVENT_TYPE };
    const body = Buffer.from(JSON.stringify(event));
    const ok = channel.publish(exchange, EVENT_TYPE, body, options, (error) => {
      if (error) throw error;
      outstanding--;
      release?.();
    });
    if (!ok) await new Promise((r) => channel.once('drain', r));
  }
  await channel.waitForConfirms();
}

async function bareThroughput(broker: TestBroker): Promise<number> {
  const consumer = await bareConsumer(broker, 'bare-throughput');
  const { connection, channel } = await bareChannel(broker, 'bare-pub');
  const events = Array.from({ length: EVENTS }, (_, i) => benchEvent(i));
  const started = performance.now();
  await publishWindowed(channel, broker.exchange, events);
  await until(() => consumer.received() >= EVENTS, `${EVENTS} bare messages`);
  const seconds = (performance.now() - started) / 1000;
  await connection.close();
  await consumer.close();
  return EVENTS / seconds;
}

async function relayThroughput(db: TestDatabase, broker: TestBroker): Promise<number> {
  const consumer = await bareConsumer(broker, 'relay-throughput');
  for (let start = 0; start < EVENTS; start += 500) {
    const count = Math.min(500, EVENTS - start);
    const events = Array.from({ length: count }, (_, i) => benchEvent(start + i));
    await withTransaction(db.pool, (tx) => appendToOutbox(tx, events, { registry }));
  }
  const publisher = await EventPublisher.create({
    connection: await broker.connect('relay-throughput'),
    exchange: broker.exchange,
  });
  const relay = new OutboxRelay({ pool: db.pool, publisher });
  const started = performance.now();
  await relay.start();
  await until(() => consumer.received() >= EVENTS, `${EVENTS} relayed messages`);
  const seconds = (performance.now() - started) / 1000;
  await relay.stop();
  await publisher.close();
  await consumer.close();
  return EVENTS / seconds;
}

// ---- the consuming service, in a child process ---------------------------------------------------

type ChildRole = 'bare-consumer' | 'platform-consumer';
interface ChildSetup extends BrokerNames {
  role: ChildRole;
  databaseUrl: string;
}
type ChildMessage = { ready: true } | { times: [string, number][] };

/** Consumer processes still running; killed if the bench fails half-way. */
const children = new Set<ChildProcess>();

/** Forks this file as a consuming service; it reports [eventId, handledAt] pairs. */
async function startChild(setup: ChildSetup) {
  const child = fork(__filename, ['child', JSON.stringify(setup)], { execArgv: process.execArgv });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const times = new Map<string, number>();
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.on('message', (message: ChildMessage) => {
      if ('ready' in message) resolve();
      if ('times' in message) for (const [id, at] of message.times) times.set(id, at);
    });
  });
  return {
    times,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.send('stop');
      await exited;
    },
  };
}

/** The child process: reports handled times every 20 ms, stops on 'stop'. */
async function runChild(setup: ChildSetup): Promise<void> {
  let pending: [string, number][] = [];
  const flush = () => {
    if (pending.length > 0) process.send?.({ times: pending });
    pending = [];
  };
  const flushing = setInterval(flush, 20);
  const report = (id: string) => pending.push([id, clock()]);
  const stopped = new Promise<void>((resolve) => process.once('message', () => resolve()));
  let stop: () => Promise<void>;
  if (setup.role === 'bare-consumer') {
    const consumer = await bareConsumer(setup, 'bare-latency', report);
    stop = consumer.close;
  } else {
    const pool = createPool(setup.databaseUrl, { max: 32 });
    const consumer = createEventConsumer({
      connection: await BrokerConnection.open({
        url: setup.url,
        connectionName: `${setup.connectionPrefix}:platform-consumer`,
      }),
      service: 'bench',
      exchange: setup.exchange,
      queuePrefix: setup.queuePrefix,
      receives: [EVENT_TYPE],
      handlers: { [EVENT_TYPE]: async (event: EventEnvelope) => void report(event.eventId) },
      registry,
      pool,
      prefetch: 64,
    });
    await consumer.start();
    stop = async () => {
      await consumer.stop();
      await pool.end();
    };
  }
  process.send?.({ ready: true });
  await stopped;
  await stop();
  clearInterval(flushing);
  flush();
  process.exit(0);
}

// ---- latency at a fixed rate ---------------------------------------------------------------------

interface Latency {
  p50: number;
  p99: number;
  samples: number;
  lost: number;
}

function latency(
  sentAt: ReadonlyMap<string, number>,
  doneAt: ReadonlyMap<string, number>,
  firstCounted: number,
  total: number,
): Latency {
  const samples: number[] = [];
  for (const [id, at] of sentAt) {
    const done = doneAt.get(id);
    if (done !== undefined && at >= firstCounted) samples.push(done - at);
  }
  samples.sort((a, b) => a - b);
  const lost = total - doneAt.size;
  return {
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    samples: samples.length,
    lost,
  };
}

async function bareLatency(db: TestDatabase, broker: TestBroker): Promise<Latency> {
  const names = brokerNames(broker);
  const consumer = await startChild({ role: 'bare-consumer', databaseUrl: db.url, ...names });
  const { connection, channel } = await bareChannel(broker, 'bare-lat');
  const sentAt = new Map<string, number>();
  const started = clock();
  const total = await offerAtFixedRate((i) => {
    const event = benchEvent(i);
    sentAt.set(event.eventId, clock());
    const options = { persistent: true, messageId: event.eventId, type: EVENT_TYPE };
    channel.publish(broker.exchange, EVENT_TYPE, Buffer.from(JSON.stringify(event)), options);
  });
  await channel.waitForConfirms();
  await until(() => consumer.times.size >= total, 'bare latency messages');
  await connection.close();
  await consumer.stop();
  return latency(sentAt, consumer.times, started + WARMUP_MS, total);
}

async function relayLatency(db: TestDatabase, broker: TestBroker): Promise<Latency> {
  await db.pool.query('TRUNCATE platform.outbox, platform.inbox');
  const names = brokerNames(broker);
  const consumer = await startChild({ role: 'platform-consumer', databaseUrl: db.url, ...names });
  const publisher = await EventPublisher.create({
    connection: await broker.connect('relay-latency'),
    exchange: broker.exchange,
  });
  // The relay's own connections: request transactions queueing for the pool must not delay it.
  const relayPool = createPool(db.url, { max: 2 });
  const relay = new OutboxRelay({ pool: relayPool, publisher });
  await relay.start();
  const committedAt = new Map<string, number>();
  const commits: Promise<void>[] = [];
  const started = clock();
  const total = await offerAtFixedRate((i) => {
    const event = benchEvent(i);
    const commit = withTransaction(db.pool, (tx) => appendToOutbox(tx, [event], { registry }));
    commits.push(commit.then(() => void committedAt.set(event.eventId, clock())));
  });
  await Promise.all(commits);
  await until(() => consumer.times.size >= total, 'every committed event to be handled');
  await relay.stop();
  await publisher.close();
  await relayPool.end();
  await consumer.stop();
  return latency(committedAt, consumer.times, started + WARMUP_MS, total);
}

// ---- report --------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const db = await createTestDatabase('bench-outbox-relay');
  const broker = createTestBroker('bench-outbox-relay');
  try {
    const load = loadavg()[0]?.toFixed(1);
    console.log(
      `outbox relay bench: ${EVENTS} events for throughput, ${SECONDS} s at ${RATE}/s for latency` +
        ` (load average ${load} on ${cpus().length} cores: other work skews both sides)`,
    );
    const bare = await bareThroughput(broker);
    const relayed = await relayThroughput(db, broker);
    const bareLat = await bareLatency(db, broker);
    const relayLat = await relayLatency(db, broker);
    const f = (n: number) => n.toFixed(1).padStart(9);
    console.log('\nthroughput (events/s, confirms, quorum queue, to the consumer)');
    console.log(`  bare amqplib publish → consume   ${f(bare)}`);
    console.log(`  outbox → relay → consume         ${f(relayed)}`);
    console.log(`\nlatency at ${RATE}/s offered (ms)            p50       p99   samples`);
    console.log(
      `  bare publish → consume       ${f(bareLat.p50)} ${f(bareLat.p99)}   ${bareLat.samples}`,
    );
    console.log(
      `  commit → handled (inbox tx)  ${f(relayLat.p50)} ${f(relayLat.p99)}   ${relayLat.samples}`,
    );
    const ratio = relayed / bare;
    console.log(`\nrelay/bare throughput          ${ratio.toFixed(2)}  (target ≥ 0.50)`);
    console.log(`commit→handled p99 / bare p99  ${(relayLat.p99 / bareLat.p99).toFixed(2)}`);
    console.log(`commit→handled p99             ${relayLat.p99.toFixed(1)} ms  (target ≤ 50 ms)`);
    if (relayLat.lost > 0) console.log(`LOST ${relayLat.lost} committed events`);
    const ok = ratio >= 0.5 && relayLat.p99 <= 50 && relayLat.lost === 0;
    console.log(ok ? 'outbox relay bench: targets met' : 'outbox relay bench: TARGET MISSED');
    return ok ? 0 : 1;
  } catch (error) {
    // Reported before clean-up, which disconnects whatever the failed run left connected.
    console.error('outbox relay bench failed:', error);
    return 1;
  } finally {
    for (const child of children) child.kill();
    await broker.cleanup();
    await db.drop();
  }
}

const [mode, setup] = process.argv.slice(2);
const run = mode === 'child' ? runChild(JSON.parse(setup ?? '{}')).then(() => 0) : main();
run.then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
