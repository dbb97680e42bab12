/**
 * MQTT ingest against a real Mosquitto: deltas on `<prefix>/{sku}/delta` become IOT adjustments
 * with stock.adjusted; bad payloads, unknown SKUs and deltas that would go negative are dropped
 * and counted without stopping the ingest; deltas sent while the ingest is stopped are delivered
 * by the broker's persistent session after it restarts, each applied once; a redelivery after a
 * lost PUBACK (DUP flag, same packet id) is not applied twice; a database failure leaves the
 * message unacknowledged for the broker to redeliver.
 */
import pg from 'pg';
import { waitFor, waitForStable } from '@bazaar/platform/testing/index';
import { createLogger } from '@bazaar/platform/telemetry/index';
import { createInventoryMetrics } from '../../src/metrics';
import { createIotDeltaHandler } from '../../src/mqtt/iot-delta.message-handler';
import { MqttIngestWorker } from '../../src/mqtt/mqtt-ingest.worker';
import type { IotDeltaMessage } from '../../src/use-cases/ingest-iot-delta.use-case';
import { Registry } from '@bazaar/platform/telemetry/index';
import { startInventory, type InventoryHarness } from './support/inventory-harness';
import {
  connectTestDevice,
  discardMqttSession,
  TEST_MQTT_URL,
  type TestDevice,
} from './support/mqtt-test-client';

let h: InventoryHarness;
let device: TestDevice;
const logger = createLogger({ service: 'inventory', level: 'silent' });

beforeAll(async () => {
  h = await startInventory('mqtt');
  device = await connectTestDevice();
}, 60_000);

afterAll(async () => {
  await device?.close();
  await h?.stop();
});

const topic = (sku: string, prefix = h.topicPrefix) => `${prefix}/${sku}/delta`;

async function iotAdjustments(productId: string) {
  const { rows } = await h.database.pool.query<{ delta: number; reason: string }>(
    `SELECT delta, reason FROM stock_adjustments
      WHERE product_id = $1 AND source = 'IOT' ORDER BY seq`,
    [productId],
  );
  return rows;
}

async function iotCount(outcome: string): Promise<number> {
  const metric = await h.started.runtime.metrics
    .getSingleMetric('inventory_iot_messages_total')!
    .get();
  return metric.values.find((v) => v.labels['outcome'] === outcome)?.value ?? 0;
}

describe('MQTT ingest', () => {
  it('applies a delta as an IOT adjustment and publishes stock.adjusted', async () => {
    const product = await h.seedProduct(10);
    await device.publish(topic(product.sku), { delta: -2, reason: 'SENSOR' });
    await waitFor(async () => (await h.stock(product.productId)).on_hand === 8);
    expect(await iotAdjustments(product.productId)).toEqual([{ delta: -2, reason: 'SENSOR' }]);
    const [event] = await h.events.waitFor('ecommerce.inventory.stock.adjusted.v1', {
      productId: product.productId,
      source: 'IOT',
    });
    expect(event!.payload).toMatchObject({
      sku: product.sku,
      delta: -2,
      reason: 'SENSOR',
      onHand: 8,
      available: 8,
    });
  });

  it('applies two identical readings sent one after the other twice', async () => {
    const product = await h.seedProduct(10);
    await device.publish(topic(product.sku), { delta: -1, reason: 'SENSOR' });
    await device.publish(topic(product.sku), { delta: -1, reason: 'SENSOR' });
    await waitFor(async () => (await h.stock(product.productId)).on_hand === 8);
    expect(await iotAdjustments(product.productId)).toHaveLength(2);
  });

  it('drops and counts an invalid payload, then goes on with the next message', async () => {
    const product = await h.seedProduct(10);
    const invalidBefore = await iotCount('invalid');
    await device.publish(topic(product.sku), 'not json');
    await device.publish(topic(product.sku), { delta: 0, reason: 'SENSOR' });
    await device.publish(topic(product.sku), { delta: 3, reason: 'RESTOCK' });
    await waitFor(async () => (await h.stock(product.productId)).on_hand === 13);
    expect(await iotCount('invalid')).toBe(invalidBefore + 2);
    expect(await iotAdjustments(product.productId)).toEqual([{ delta: 3, reason: 'RESTOCK' }]);
  });

  it('drops and counts a delta for an unknown SKU', async () => {
    const before = await iotCount('unknown_sku');
    await device.publish(topic('NO-SUCH-SKU-1'), { delta: 1, reason: 'SENSOR' });
    await waitFor(async () => (await iotCount('unknown_sku')) === before + 1);
  });

  it('drops a delta that would make available stock negative, changing nothing', async () => {
    const product = await h.seedProduct(3);
    const before = await iotCount('insufficient_stock');
    await device.publish(topic(product.sku), { delta: -4, reason: 'SENSOR' });
    await waitFor(async () => (await iotCount('insufficient_stock')) === before + 1);
    expect(await h.stock(product.productId)).toEqual({ on_hand: 3, reserved: 0, available: 3 });
    expect(await iotAdjustments(product.productId)).toEqual([]);
  });

  it('applies each delta sent while the ingest was stopped exactly once after it restarts', async () => {
    const product = await h.seedProduct(100);
    const ingest = h.parts.mqtt!;
    await ingest.stop();
    const deltas = [-1, -2, 5, -3, 7, -1, -1, 4];
    for (const delta of deltas)
      await device.publish(topic(product.sku), { delta, reason: 'SENSOR' });
    expect(await h.stock(product.productId)).toEqual({ on_hand: 100, reserved: 0, available: 100 });
    await ingest.start();
    const expected = 100 + deltas.reduce((sum, d) => sum + d, 0);
    await waitFor(async () => (await h.stock(product.productId)).on_hand === expected, {
      timeoutMs: 15_000,
    });
    const settled = await waitForStable(() => iotAdjustments(product.productId), {
      stableMs: 500,
    });
    expect(settled.map((a) => a.delta)).toEqual(deltas);
    expect((await h.stock(product.productId)).on_hand).toBe(expected);
  }, 30_000);
});

describe('MQTT acknowledgement', () => {
  const withWorker = async (
    suffix: string,
    handle: (message: IotDeltaMessage) => Promise<'ack' | 'redeliver'>,
    run: (prefix: string) => Promise<void>,
  ) => {
    const prefix = `${h.topicPrefix}-${suffix}`;
    const clientId = `${h.mqttClientId}-${suffix}`.slice(0, 64);
    const worker = new MqttIngestWorker({
      url: TEST_MQTT_URL,
      clientId,
      topicPrefix: prefix,
      sessionExpirySeconds: 600,
      reconnectPeriodMs: 200,
      deps: h.parts.deps,
      handle,
      logger,
    });
    await worker.start();
    try {
      await run(prefix);
    } finally {
      await worker.stop();
      await discardMqttSession(TEST_MQTT_URL, clientId);
    }
  };

  it('does not apply again a delta redelivered because its PUBACK was lost', async () => {
    const product = await h.seedProduct(10);
    const metrics = createInventoryMetrics(new Registry());
    const seen: { dup: boolean; packetId: number | undefined }[] = [];
    await withWorker(
      'dup',
      async (message) => {
        seen.push({ dup: message.dup, packetId: message.packetId });
        const disposition = await handler(message);
        // The first delivery commits, then its PUBACK is "lost": the broker redelivers it.
        return seen.length === 1 ? 'redeliver' : disposition;
      },
      async (prefix) => {
        await device.publish(topic(product.sku, prefix), { delta: -3, reason: 'SENSOR' });
        await waitFor(() => seen.length >= 2, { timeoutMs: 15_000, description: 'a redelivery' });
      },
    );
    function handler(message: IotDeltaMessage) {
      return createIotDeltaHandler({
        deps: h.parts.deps,
        topicPrefix: `${h.topicPrefix}-dup`,
        applyAttempts: 1,
        logger,
        metrics,
      })(message);
    }
    expect(seen).toEqual([
      { dup: false, packetId: seen[0]!.packetId },
      { dup: true, packetId: seen[0]!.packetId },
    ]);
    expect(await h.stock(product.productId)).toEqual({ on_hand: 7, reserved: 0, available: 7 });
    expect(await iotAdjustments(product.productId)).toEqual([{ delta: -3, reason: 'SENSOR' }]);
    const duplicates = (await metrics.iotMessages.get()).values.find(
      (v) => v.labels['outcome'] === 'duplicate',
    );
    expect(duplicates?.value).toBe(1);
  }, 30_000);

  it('leaves a delta the database could not take for the broker to redeliver', async () => {
    const product = await h.seedProduct(10);
    const metrics = createInventoryMetrics(new Registry());
    const down = new pg.Pool({ connectionString: 'postgres://bazaar:bazaar@127.0.0.1:1/none' });
    const failing = createIotDeltaHandler({
      deps: { pool: down, clock: () => new Date() },
      topicPrefix: `${h.topicPrefix}-down`,
      applyAttempts: 2,
      retryDelayMs: () => 10,
      logger,
      metrics,
    });
    const working = createIotDeltaHandler({
      deps: h.parts.deps,
      topicPrefix: `${h.topicPrefix}-down`,
      applyAttempts: 1,
      logger,
      metrics,
    });
    const dispositions: string[] = [];
    try {
      await withWorker(
        'down',
        async (message) => {
          const disposition = await (dispositions.length === 0 ? failing : working)(message);
          dispositions.push(disposition);
          return disposition;
        },
        async (prefix) => {
          await device.publish(topic(product.sku, prefix), { delta: 6, reason: 'RESTOCK' });
          await waitFor(() => dispositions.length >= 2, { timeoutMs: 15_000 });
        },
      );
    } finally {
      await down.end();
    }
    expect(dispositions).toEqual(['redeliver', 'ack']);
    expect(await h.stock(product.productId)).toEqual({ on_hand: 16, reserved: 0, available: 16 });
    expect(
      (await metrics.iotMessages.get()).values.find((v) => v.labels['outcome'] === 'failed')?.value,
    ).toBe(1);
  }, 30_000);
});
