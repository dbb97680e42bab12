/**
 * Per-suite RabbitMQ names and clean-up (platform/src/testing): a unique exchange, queue prefix
 * and connection-name prefix, so suites run in parallel on the shared broker; and a way to cut
 * only this suite's connections from the broker side (`rabbitmqctl close_connection`), never
 * anyone else's.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import amqp from 'amqplib';
import { BrokerConnection, type BrokerConnectionOptions } from '../events/broker-connection';

const run = promisify(execFile);

export const DEFAULT_TEST_AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';

export interface TestBroker {
  url: string;
  /** `test.<suite>.<random>`: use as the exchange and as the queue prefix. */
  exchange: string;
  queuePrefix: string;
  /** Prefix of every connection name this suite opens. */
  connectionPrefix: string;
  /** Opens a BrokerConnection named `<connectionPrefix>:<role>` (closed by `cleanup`). */
  connect(role: string, options?: Partial<BrokerConnectionOptions>): Promise<BrokerConnection>;
  /** Closes this suite's connections from the broker side; resolves with how many. */
  cutConnections(role?: string): Promise<number>;
  /** Closes the suite's connections and deletes its queues and exchange. */
  cleanup(): Promise<void>;
}

export function createTestBroker(suiteName: string, url = DEFAULT_TEST_AMQP_URL): TestBroker {
  const suite = suiteName.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const id = `test.${suite}.${randomBytes(4).toString('hex')}`;
  const opened: BrokerConnection[] = [];
  return {
    url,
    exchange: id,
    queuePrefix: id,
    connectionPrefix: id,
    async connect(role, options = {}) {
      const connection = await BrokerConnection.open({
        url,
        connectionName: `${id}:${role}`,
        initialDelayMs: 50,
        maxDelayMs: 1_000,
        ...options,
      });
      opened.push(connection);
      return connection;
    },
    cutConnections: (role) => closeConnectionsNamed(role ? `${id}:${role}` : `${id}:`),
    async cleanup() {
      await Promise.all(opened.map((c) => c.close().catch(() => undefined)));
      await deleteBrokerObjects(url, id);
    },
  };
}

async function rabbitmqctl(args: string[]): Promise<string> {
  const { stdout } = await run('rabbitmqctl', ['-q', ...args], { timeout: 30_000 });
  return stdout;
}

/**
 * Closes, from the broker side, every connection whose client-provided name starts with `prefix`
 * (`rabbitmqctl list_connections pid client_properties`, then `close_connection <pid>` for each).
 */
export async function closeConnectionsNamed(prefix: string): Promise<number> {
  if (!prefix.startsWith('test.'))
    throw new Error(`refusing to close connections outside tests: "${prefix}"`);
  const listing = await rabbitmqctl(['list_connections', 'pid', 'client_properties']);
  const pids: string[] = [];
  for (const line of listing.split('\n')) {
    const [pid, properties] = line.split('\t');
    const name = /\{"connection_name","([^"]*)"\}/.exec(properties ?? '')?.[1];
    if (pid && name?.startsWith(prefix)) pids.push(pid);
  }
  for (const pid of pids)
    await rabbitmqctl(['close_connection', pid, 'test: connection cut on purpose']);
  return pids.length;
}

/** Deletes the queues and exchanges whose names start with `prefix`. */
export async function deleteBrokerObjects(url: string, prefix: string): Promise<void> {
  if (!prefix.startsWith('test.'))
    throw new Error(`refusing to delete broker objects outside tests: "${prefix}"`);
  const queues = (await rabbitmqctl(['list_queues', 'name']))
    .split('\n')
    .filter((q) => q.startsWith(prefix));
  const exchanges = (await rabbitmqctl(['list_exchanges', 'name']))
    .split('\n')
    .filter((e) => e.startsWith(prefix));
  if (queues.length === 0 && exchanges.length === 0) return;
  const connection = await amqp.connect(url);
  try {
    const channel = await connection.createChannel();
    for (const queue of queues) await channel.deleteQueue(queue);
    for (const exchange of exchanges) await channel.deleteExchange(exchange);
    await channel.close();
  } finally {
    await connection.close();
  }
}
