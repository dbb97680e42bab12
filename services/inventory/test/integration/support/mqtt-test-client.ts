/**
 * MQTT from a test's side: a device publishing stock deltas with QoS 1, and the removal of a
 * suite's persistent sessions from Mosquitto afterwards (connect with clean start and no session
 * expiry, then disconnect), so suites leave nothing queued behind.
 */
import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';

export const TEST_MQTT_URL = 'mqtt://127.0.0.1:1883';

export interface TestDevice {
  /** Publishes `payload` (an object is sent as JSON) with QoS 1; resolves on the broker's PUBACK. */
  publish(topic: string, payload: unknown): Promise<void>;
  close(): Promise<void>;
}

export async function connectTestDevice(url = TEST_MQTT_URL): Promise<TestDevice> {
  const client: MqttClient = await mqtt.connectAsync(url, {
    protocolVersion: 5,
    clientId: `test-device-${randomBytes(4).toString('hex')}`,
    clean: true,
    reconnectPeriod: 0,
  });
  return {
    async publish(topic, payload) {
      await client.publishAsync(
        topic,
        typeof payload === 'string' ? payload : JSON.stringify(payload),
        { qos: 1 },
      );
    },
    close: () => client.endAsync(),
  };
}

/** Ends the broker-side session of `clientId`, with everything it still queues. */
export async function discardMqttSession(url: string, clientId: string): Promise<void> {
  const client = await mqtt.connectAsync(url, {
    protocolVersion: 5,
    clientId,
    clean: true,
    reconnectPeriod: 0,
    properties: { sessionExpiryInterval: 0 },
  });
  await client.endAsync();
}
