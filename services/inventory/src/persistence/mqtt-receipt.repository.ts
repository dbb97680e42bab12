/**
 * SQL for mqtt_receipts (inventory persistence): the last delta handled under each packet id of
 * the ingest's MQTT session, so a QoS 1 redelivery whose PUBACK was lost is not handled twice.
 */
import type { Db } from './db';

export interface MqttReceipt {
  clientId: string;
  packetId: number;
  topic: string;
  payloadSha256: string;
  /** What handling the delta did: `applied`, or why it was refused. */
  outcome: string;
  adjustmentId: string | null;
  handledAt: Date;
}

/** Advisory-lock namespace of packet ids ('BZIM'): one delta per packet id is handled at a time. */
export const PACKET_LOCK_NAMESPACE = 1_113_213_261;

/** Serialises two deliveries of one packet id (e.g. a redelivery racing a slow first attempt). */
export async function lockPacket(tx: Db, clientId: string, packetId: number): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
    PACKET_LOCK_NAMESPACE,
    `${clientId}/${packetId}`,
  ]);
}

export async function findReceipt(
  db: Db,
  clientId: string,
  packetId: number,
): Promise<MqttReceipt | undefined> {
  const { rows } = await db.query<{
    topic: string;
    payload_sha256: string;
    outcome: string;
    adjustment_id: string | null;
    handled_at: Date;
  }>(
    `SELECT topic, payload_sha256, outcome, adjustment_id, handled_at FROM mqtt_receipts
      WHERE client_id = $1 AND packet_id = $2`,
    [clientId, packetId],
  );
  const row = rows[0];
  return (
    row && {
      clientId,
      packetId,
      topic: row.topic,
      payloadSha256: row.payload_sha256,
      outcome: row.outcome,
      adjustmentId: row.adjustment_id,
      handledAt: row.handled_at,
    }
  );
}

/** Records (or replaces) the delta handled under a packet id, in the transaction of its effect. */
export async function saveReceipt(tx: Db, receipt: MqttReceipt): Promise<void> {
  await tx.query(
    `INSERT INTO mqtt_receipts
       (client_id, packet_id, topic, payload_sha256, outcome, adjustment_id, handled_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (client_id, packet_id) DO UPDATE
       SET topic = EXCLUDED.topic, payload_sha256 = EXCLUDED.payload_sha256,
           outcome = EXCLUDED.outcome, adjustment_id = EXCLUDED.adjustment_id,
           handled_at = EXCLUDED.handled_at`,
    [
      receipt.clientId,
      receipt.packetId,
      receipt.topic,
      receipt.payloadSha256,
      receipt.outcome,
      receipt.adjustmentId,
      receipt.handledAt,
    ],
  );
}

/**
 * Forgets every receipt of a session the broker no longer has (CONNACK without session present):
 * nothing of it can be redelivered, and its packet ids start over.
 */
export async function forgetReceipts(db: Db, clientId: string): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM mqtt_receipts WHERE client_id = $1', [clientId]);
  return rowCount ?? 0;
}
