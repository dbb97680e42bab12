import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { spliceConfigTable } from '@bazaar/platform/config/index';
import { checkOrdersConfig, ordersConfig } from './config';
import { loadCliConfig } from './cli/cli-environment';
import { sagaLeases } from './service';

const README = path.resolve(__dirname, '../README.md');
const { publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const REQUIRED = {
  ORDERS_JWT_PUBLIC_KEY: publicKey,
  ORDERS_SERVICE_CLIENT_SECRET: 'a-client-secret-of-at-least-32-chars!',
};

describe('orders configuration', () => {
  it('is documented in the README table exactly as declared (regenerate with make generate)', () => {
    const readme = readFileSync(README, 'utf8');
    expect(spliceConfigTable(readme, ordersConfig)).toBe(readme);
  });

  it('defaults to port 3004, 3 inventory attempts, a 15-minute reservation and a 20 s payment timeout', () => {
    const config = checkOrdersConfig(ordersConfig.load(REQUIRED));
    expect(config).toMatchObject({
      httpPort: 3004,
      inventoryGrpcAddress: '127.0.0.1:50051',
      inventoryAttempts: 3,
      reservationTtlSeconds: 900,
      paymentTimeoutMs: 20_000,
      serviceClientId: 'orders',
    });
  });

  it('requires the service client secret, naming the variable', () => {
    expect(() => ordersConfig.load({ ORDERS_JWT_PUBLIC_KEY: publicKey })).toThrow(
      /ORDERS_SERVICE_CLIENT_SECRET/,
    );
  });

  it('refuses more than 3 inventory attempts (seed 003 §8)', () => {
    expect(() => ordersConfig.load({ ...REQUIRED, ORDERS_INVENTORY_ATTEMPTS: '4' })).toThrow(
      /ORDERS_INVENTORY_ATTEMPTS/,
    );
  });

  it('refuses an inventory address that is not host:port', () => {
    expect(() =>
      ordersConfig.load({ ...REQUIRED, ORDERS_INVENTORY_GRPC_ADDRESS: 'http://inventory' }),
    ).toThrow(/ORDERS_INVENTORY_GRPC_ADDRESS/);
  });

  it('refuses a saga backoff cap below its base', () => {
    const config = ordersConfig.load({
      ...REQUIRED,
      ORDERS_SAGA_RETRY_BASE_MS: '5000',
      ORDERS_SAGA_RETRY_MAX_MS: '1000',
    });
    expect(() => checkOrdersConfig(config)).toThrow(/ORDERS_SAGA_RETRY_MAX_MS/);
  });

  it('gives each saga step a lease covering every attempt of its calls', () => {
    const config = ordersConfig.load(REQUIRED);
    // 3 × 2000 ms deadlines + 2 × 1000 ms backoff + 2000 ms margin.
    expect(sagaLeases(config).reserveMs).toBe(10_000);
    // Two payment calls of 20 s (one after a renewed token), then the commit.
    expect(sagaLeases(config).chargeMs).toBe(50_000);
  });

  it('lets the command-line tools read the database URL beside the service variables', () => {
    const cli = loadCliConfig({
      ...REQUIRED,
      ORDERS_DATABASE_URL: 'postgres://u:p@db:5432/bazaar_orders',
    });
    expect(cli.databaseUrl).toBe('postgres://u:p@db:5432/bazaar_orders');
    expect(() => loadCliConfig({ ORDERS_DATABSE_URL: 'postgres://x/y' })).toThrow(
      /ORDERS_DATABSE_URL/,
    );
  });
});
