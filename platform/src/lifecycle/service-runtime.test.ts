import { exportSPKI, generateKeyPair } from 'jose';
import { defineConfig } from '../config/define-config';
import { serviceVariables } from '../config/service-variables';
import { createServiceRuntime, type ServiceRuntime } from './service-runtime';

const ordersConfig = defineConfig('ORDERS', serviceVariables({ httpPort: 3004 }));

describe('createServiceRuntime', () => {
  let runtime: ServiceRuntime;

  beforeAll(async () => {
    const { publicKey } = await generateKeyPair('RS256');
    const config = ordersConfig.load({
      ORDERS_JWT_PUBLIC_KEY: (await exportSPKI(publicKey)).replace(/\n/g, '\\n'),
      ORDERS_HTTP_PORT: '0',
      ORDERS_HTTP_HOST: '127.0.0.1',
      ORDERS_TRUST_PROXY: '10.0.0.0/8',
      ORDERS_LOG_LEVEL: 'warn',
      ORDERS_VALIDATE_RESPONSES: 'false',
      ORDERS_SHUTDOWN_DRAIN_TIMEOUT_MS: '1234',
    });
    runtime = await createServiceRuntime(config, {
      service: 'orders',
      logDestination: { write: () => undefined },
    });
  });
  afterAll(() => runtime.tracing.shutdown());

  it('uses the configured port, host, proxy trust, log level and drain timeout', () => {
    expect(runtime.listenOptions).toEqual({ port: 0, host: '127.0.0.1' });
    expect(runtime.appOptions.trustProxy).toBe('10.0.0.0/8');
    expect(runtime.logger.level).toBe('warn');
    expect(runtime.lifecycleOptions.drainTimeoutMs).toBe(1234);
  });

  it('hands the binding the authenticator and the response validation switch', async () => {
    expect(runtime.mountOptions.validateResponses).toBe(false);
    await expect(
      runtime.mountOptions.authenticate({ headers: {} } as never),
    ).resolves.toBeUndefined();
  });

  it('shares one readiness between the app and the lifecycle, so shutdown shows on /health/ready', () => {
    expect(runtime.lifecycleOptions.readiness).toBe(runtime.appOptions.readiness);
  });
});
