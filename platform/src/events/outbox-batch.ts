/**
 * One relay transaction (platform/src/events): claim partitions, then publish their pending events
 * in position order with confirms, batch after batch, marking the confirmed ones published — all
 * in one transaction whose advisory locks keep other relay instances off the same partitions.
 *
 * Multi-relay safety (platform.outbox_claim, migration 0005): a relay try-locks
 * `pg_try_advisory_xact_lock(RELAY_NS, hashtext(key))` for the partitions among the oldest
 * pending events (looking past partitions other relays hold) and only then, in a later statement
 * whose snapshot includes whatever the previous holder committed, reads the pending rows of the
 * partitions it locked. Locks are held until COMMIT or until the connection dies, so at most one
 * relay publishes a given partition at a time, always starting from its oldest pending event.
 *
 * Pipelining: while the broker confirms batch k, the database reads batch k+1 (the next rows of
 * the same locked partitions, by position) and marks batch k−1, and batch k+1 is written right
 * behind batch k on the same channel (so it stays in position order), keeping two batches in
 * flight as a bare publisher with a confirm window would.
 *
 * Per partition only the confirmed PREFIX is marked published: after the first failure the rest
 * of that partition stays pending (even if confirmed, in this batch or the one behind it),
 * publishing stops for this transaction, and those events go out again after the failed one.
 * When the failure is a lost channel or connection (the usual case) consumers see each key's
 * events in order, possibly with repeats (absorbed by the inbox). A broker NACK of one event whose
 * successors were accepted (RabbitMQ does this only on internal errors; the topology sets no length
 * limit) lets those successors arrive before its retry: consumers that need strict order per
 * aggregate also check its version.
 */
import pg from 'pg';
import { rollbackQuietly } from '../db/transaction';
import { type OutgoingEvent, toOutgoingEvent } from './amqp-message';
import type { ConfirmedSend } from './confirmed-publish';

/** Advisory-lock namespace of relays ('BZOR'); migration 0005's outbox_claim uses the same number. */
export const OUTBOX_RELAY_LOCK_NAMESPACE = 1_113_214_802;

export interface OutboxRow {
  position: string;
  event_id: string;
  event_type: string;
  partition_key: string;
  message: string;
  headers: Record<string, unknown>;
  created_at: Date;
}

export interface BatchResult {
  published: number;
  failed: number;
  /** Age of the oldest published event at publish time, ms (0 when none). */
  maxLagMs: number;
  /** The first publish error, when any failed. */
  firstError?: unknown;
}

/** What the relay publishes through; EventPublisher is one. */
export interface OutboxPublisher {
  send(messages: readonly OutgoingEvent[]): ConfirmedSend;
}

/**
 * An OutboxPublisher from a function that only reports settled results (wrappers, fakes): it
 * counts as written once settled, so the relay keeps one batch in flight with it.
 */
export function settledOnlyPublisher(
  publishAll: (messages: readonly OutgoingEvent[]) => Promise<PromiseSettledResult<void>[]>,
): OutboxPublisher {
  return {
    send(messages) {
      const settled = publishAll(messages);
      return { written: settled.then(() => undefined), settled };
    },
  };
}

interface InFlight {
  rows: OutboxRow[];
  sent: ConfirmedSend;
}

export interface RelayBatchOptions {
  /** Events per publish batch. */
  batchSize: number;
  /** Batches one transaction may publish before it commits and releases its partitions. */
  maxBatches: number;
}

function toMessages(rows: readonly OutboxRow[]): OutgoingEvent[] {
  return rows.map((row) =>
    toOutgoingEvent({
      eventId: row.event_id,
      eventType: row.event_type,
      message: row.message,
      headers: row.headers,
      occurredAt: row.created_at,
    }),
  );
}

/**
 * The confirmed prefix of each partition in `rows`, and the rest. `blocked` carries partitions
 * that failed in an earlier batch of the same transaction: none of their later rows count.
 */
function split(
  rows: readonly OutboxRow[],
  results: PromiseSettledResult<void>[],
  now: number,
  blocked: Set<string>,
) {
  const published: string[] = [];
  const failed: string[] = [];
  let firstError: unknown;
  let maxLagMs = 0;
  rows.forEach((row, i) => {
    const result = results[i];
    if (!blocked.has(row.partition_key) && result?.status === 'fulfilled') {
      published.push(row.position);
      maxLagMs = Math.max(maxLagMs, now - row.created_at.getTime());
    } else {
      blocked.add(row.partition_key);
      failed.push(row.position);
      if (result?.status === 'rejected' && firstError === undefined) firstError = result.reason;
    }
  });
  return { published, failed, firstError, maxLagMs };
}

/**
 * The statements marking a batch: confirmed rows published, the others one attempt older. Built
 * as simple-protocol text so the last batch's marks can travel with COMMIT in one round trip;
 * positions are digits read from the table and the error text is an escaped literal.
 */
function markStatements(part: ReturnType<typeof split>): string[] {
  const statements: string[] = [];
  if (part.published.length > 0) {
    statements.push(
      `UPDATE platform.outbox SET published_at = now() WHERE position = ANY('{${part.published.join(',')}}'::bigint[])`,
    );
  }
  if (part.failed.length > 0) {
    const error = part.firstError;
    const reason = error instanceof Error ? error.message : String(error ?? 'not confirmed');
    statements.push(
      `UPDATE platform.outbox SET publish_attempts = publish_attempts + 1,
              last_error = ${pg.escapeLiteral(reason.slice(0, 1000))}
        WHERE position = ANY('{${part.failed.join(',')}}'::bigint[])`,
    );
  }
  return statements;
}

/**
 * The next pending rows of our locked partitions, each after the last row already sent for that
 * partition. Per partition, not after the batch's last position: a row of partition A may commit
 * after the claim with a position below another partition's rows in that batch (its producer was
 * still open), yet it must still follow A's rows already sent. Rows of A below A's last sent one
 * cannot appear later: the append lock made them commit before that one was even written.
 */
async function readNext(
  client: pg.ClientBase,
  lastSent: ReadonlyMap<string, string>,
  batchSize: number,
): Promise<OutboxRow[]> {
  const result = await client.query<OutboxRow>(
    `SELECT o.position, o.event_id, o.event_type, o.partition_key, o.message::text AS message, o.headers, o.created_at
       FROM platform.outbox o
       JOIN unnest($1::text[], $2::bigint[]) AS sent(partition_key, after)
         ON o.partition_key = sent.partition_key AND o.position > sent.after
      WHERE o.published_at IS NULL
      ORDER BY o.position
      LIMIT $3`,
    [[...lastSent.keys()], [...lastSent.values()], batchSize],
  );
  return result.rows;
}

/** Claims, publishes and marks up to `maxBatches` batches in one transaction on `client`. */
export async function relayBatch(
  client: pg.PoolClient,
  publisher: OutboxPublisher,
  options: RelayBatchOptions,
): Promise<BatchResult> {
  const { batchSize, maxBatches } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new Error(`batchSize must be an integer ≥ 1, got ${batchSize}`);
  }
  const total: BatchResult = { published: 0, failed: 0, maxLagMs: 0 };
  try {
    // BEGIN rides with the claim (simple protocol; the only inlined value is an integer).
    const claimed = (await client.query(
      // The marks need no fsync of their own: lost marks mean re-published events, which the
      // consumers' inbox absorbs; the events themselves were made durable by their producers.
      `BEGIN; SET LOCAL synchronous_commit = off; SELECT * FROM platform.outbox_claim(${batchSize})`,
    )) as unknown as pg.QueryResult<OutboxRow>[];
    const first = claimed[2]?.rows ?? [];
    // Partition → position of its last row sent in this transaction (rows come sorted).
    const lastSent = new Map<string, string>();
    const blocked = new Set<string>();
    const send = (rows: OutboxRow[]): InFlight => {
      for (const row of rows) lastSent.set(row.partition_key, row.position);
      const sent = publisher.send(toMessages(rows));
      // Awaited in order below; if a database read fails first, they must not be unhandled.
      sent.written.catch(() => undefined);
      sent.settled.catch(() => undefined);
      return { rows, sent };
    };
    let marking: Promise<void> = Promise.resolve();
    let batches = 1;
    let inFlight: InFlight | undefined = first.length > 0 ? send(first) : undefined;
    while (inFlight) {
      // While the broker confirms this batch, read the next one and write it right behind.
      let next: InFlight | undefined;
      // A short batch drained its partitions' backlog: rather than wait here for stragglers,
      // commit now and let a fresh claim (often by the other loop) take whatever arrives next.
      if (batches < maxBatches && total.failed === 0 && inFlight.rows.length === batchSize) {
        const rows = await readNext(client, lastSent, batchSize);
        if (rows.length > 0) {
          // Only behind a batch that is fully written: the channel keeps position order.
          await inFlight.sent.written;
          next = send(rows);
          batches++;
        }
      }
      const part = split(inFlight.rows, await inFlight.sent.settled, Date.now(), blocked);
      total.published += part.published.length;
      total.failed += part.failed.length;
      total.maxLagMs = Math.max(total.maxLagMs, part.maxLagMs);
      total.firstError ??= part.firstError;
      const statements = markStatements(part);
      inFlight = next;
      if (!inFlight) {
        // The last batch's marks ride with COMMIT.
        await marking;
        await client.query([...statements, 'COMMIT'].join(';\n'));
        break;
      }
      if (statements.length > 0) {
        marking = marking.then(async () => void (await client.query(statements.join(';\n'))));
        marking.catch(() => undefined); // awaited (and thrown) before COMMIT
      }
    }
    if (first.length === 0) await client.query('COMMIT');
    return total;
  } catch (error) {
    await rollbackQuietly(client);
    throw error;
  }
}
