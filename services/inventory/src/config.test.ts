import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, spliceConfigTable } from '@bazaar/platform/config/index';
import { inventoryConfig } from './config';

const { publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    inventoryConfig.load({ INVENTORY_JWT_PUBLIC_KEY: publicKey, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('inventory configuration', () => {
  it('starts from the documented defaults with only the token key set', () => {
    const config = inventoryConfig.load({ INVENTORY_JWT_PUBLIC_KEY: publicKey });
    expect(config).toMatchObject({
      httpPort: 3005,
      grpcPort: 50051,
      databaseUrl: 'postgres://bazaar:bazaar@127.0.0.1:5432/bazaar_inventory',
      reservationDefaultTtlSeconds: 900,
      mqttEnabled: true,
      mqttClientId: 'bazaar-inventory',
      mqttTopicPrefix: 'iot/inventory',
    });
    expect(config.mqttUsername).toBeUndefined();
  });

  it('refuses a topic prefix with an MQTT wildcard, naming the variable', () => {
    expect(problemsOf({ INVENTORY_MQTT_TOPIC_PREFIX: 'iot/+/inventory' })).toEqual([
      expect.stringMatching(
        /^INVENTORY_MQTT_TOPIC_PREFIX="iot\/\+\/inventory" must be topic levels/,
      ),
    ]);
  });

  it('refuses a default ttl beyond the 24 h the contract allows', () => {
    expect(problemsOf({ INVENTORY_RESERVATION_DEFAULT_TTL_SECONDS: '86401' })).toEqual([
      expect.stringMatching(/^INVENTORY_RESERVATION_DEFAULT_TTL_SECONDS=.* must be <= 86400/),
    ]);
  });

  it('never echoes the MQTT password in a problem', () => {
    expect(problemsOf({ INVENTORY_MQTT_PASSWORD: 'hunter2', INVENTORY_GRPC_PORT: 'x' })).toEqual([
      expect.stringMatching(/^INVENTORY_GRPC_PORT/),
    ]);
  });

  it('refuses an unknown INVENTORY_ variable, suggesting the closest one', () => {
    expect(problemsOf({ INVENTORY_GRPC_PROT: '1' })).toEqual([
      'INVENTORY_GRPC_PROT is not a known variable (did you mean INVENTORY_GRPC_PORT?)',
    ]);
  });
});

describe('the README', () => {
  it('carries the configuration table generated from config.ts', () => {
    const readme = readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');
    expect(readme).toBe(spliceConfigTable(readme, inventoryConfig));
  });
});
