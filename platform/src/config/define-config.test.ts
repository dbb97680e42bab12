import { configTypes } from './config-types';
import { ConfigError, defineConfig, toEnvSuffix } from './define-config';
import { serviceVariables } from './service-variables';

const ordersConfig = defineConfig('ORDERS', {
  httpPort: {
    type: configTypes.port(),
    default: 3004,
    description: 'Port the REST API listens on.',
  },
  databaseUrl: {
    type: configTypes.url({ protocols: ['postgres:', 'postgresql:'] }),
    description: 'PostgreSQL database of the orders service.',
  },
  reservationTtlMs: {
    type: configTypes.integer({ min: 1000 }),
    default: 900_000,
    unit: 'ms',
    description: 'How long reserved stock waits for payment.',
  },
  paymentBaseUrl: {
    type: configTypes.url(),
    optional: true,
    description: 'Payment service base URL.',
  },
  allowedOrigins: {
    type: configTypes.list(configTypes.string()),
    default: ['http://localhost:8000'],
    description: 'Origins allowed to call the API.',
  },
  pspApiKey: {
    type: configTypes.string(),
    secret: true,
    description: 'API key for the payment provider.',
  },
});

const validEnv = {
  ORDERS_DATABASE_URL: 'postgres://bazaar:bazaar@127.0.0.1:5432/bazaar_orders',
  ORDERS_PSP_API_KEY: 'sk_test_123',
};

function problemsOf(load: () => unknown): readonly string[] {
  try {
    load();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('defineConfig', () => {
  it('derives each environment name from the prefix and the camelCase key', () => {
    expect(ordersConfig.entries.map((entry) => entry.envName)).toEqual([
      'ORDERS_HTTP_PORT',
      'ORDERS_DATABASE_URL',
      'ORDERS_RESERVATION_TTL_MS',
      'ORDERS_PAYMENT_BASE_URL',
      'ORDERS_ALLOWED_ORIGINS',
      'ORDERS_PSP_API_KEY',
    ]);
  });

  it('converts keys with digits and acronym-like runs to screaming snake case', () => {
    expect(toEnvSuffix('http2Enabled')).toBe('HTTP2_ENABLED');
    expect(toEnvSuffix('jwtPublicKey')).toBe('JWT_PUBLIC_KEY');
  });

  it('loads typed values and fills defaults for unset variables', () => {
    const config = ordersConfig.load({ ...validEnv, ORDERS_HTTP_PORT: '8080' });
    expect(config).toEqual({
      httpPort: 8080,
      databaseUrl: validEnv.ORDERS_DATABASE_URL,
      reservationTtlMs: 900_000,
      paymentBaseUrl: undefined,
      allowedOrigins: ['http://localhost:8000'],
      pspApiKey: 'sk_test_123',
    });
  });

  it('treats an empty value as unset', () => {
    expect(ordersConfig.load({ ...validEnv, ORDERS_HTTP_PORT: '  ' }).httpPort).toBe(3004);
  });

  it('returns an object frozen all the way down', () => {
    const config = ordersConfig.load({ ...validEnv, ORDERS_ALLOWED_ORIGINS: 'http://a, http://b' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.allowedOrigins)).toBe(true);
    expect(() => {
      (config as { httpPort: number }).httpPort = 1;
    }).toThrow(TypeError);
  });

  it('reports every problem at once, each naming its variable', () => {
    const problems = problemsOf(() =>
      ordersConfig.load({
        ORDERS_HTTP_PORT: 'eighty',
        ORDERS_RESERVATION_TTL_MS: '10',
        ORDERS_PAYMENT_BASE_URL: 'not a url',
        ORDERS_HTTP_PROT: '1',
      }),
    );
    expect(problems).toEqual([
      'ORDERS_HTTP_PORT="eighty" must be an integer (expected port (0–65535))',
      'ORDERS_DATABASE_URL is required: PostgreSQL database of the orders service.',
      'ORDERS_RESERVATION_TTL_MS="10" must be >= 1000 (expected integer (1000–…))',
      'ORDERS_PAYMENT_BASE_URL="not a url" must be an absolute URL (expected URL)',
      'ORDERS_PSP_API_KEY is required: API key for the payment provider.',
      'ORDERS_HTTP_PROT is not a known variable (did you mean ORDERS_HTTP_PORT?)',
    ]);
  });

  it('puts the count and every problem in the error message', () => {
    expect(() => ordersConfig.load({})).toThrow(
      /Invalid ORDERS_\* configuration \(2 problems\):\n {2}- ORDERS_DATABASE_URL is required.*\n {2}- ORDERS_PSP_API_KEY is required/,
    );
  });

  it('refuses an unknown variable with the prefix even when it resembles nothing declared', () => {
    expect(
      problemsOf(() => ordersConfig.load({ ...validEnv, ORDERS_COLOUR_SCHEME: 'dark' })),
    ).toEqual(['ORDERS_COLOUR_SCHEME is not a known variable']);
  });

  it('ignores variables of other prefixes', () => {
    expect(() =>
      ordersConfig.load({ ...validEnv, CATALOG_HTTP_PORT: 'x', ORDERSX: 'y' }),
    ).not.toThrow();
  });

  it('rejects a URL with a scheme the variable does not allow', () => {
    expect(
      problemsOf(() => ordersConfig.load({ ...validEnv, ORDERS_DATABASE_URL: 'mysql://h/db' })),
    ).toEqual([
      'ORDERS_DATABASE_URL="mysql://h/db" must be a URL with scheme postgres: or postgresql: (expected URL (postgres: postgresql:))',
    ]);
  });

  it('never echoes the value of a secret variable', () => {
    const secret = defineConfig('PAYMENT', {
      pspTimeoutMs: { type: configTypes.integer(), secret: true, description: 'Timeout.' },
    });
    const problems = problemsOf(() => secret.load({ PAYMENT_PSP_TIMEOUT_MS: 'hunter2' }));
    expect(problems).toEqual([
      'PAYMENT_PSP_TIMEOUT_MS=<hidden> must be an integer (expected integer)',
    ]);
  });

  it('refuses a prefix that is not upper case', () => {
    expect(() => defineConfig('orders', {})).toThrow(/must be upper-case/);
  });

  it('refuses a variable declared without a description', () => {
    expect(() =>
      defineConfig('ORDERS', { httpPort: { type: configTypes.port(), description: ' ' } }),
    ).toThrow(/"httpPort" needs a description/);
  });

  it('types a required variable as its value and an optional one as possibly undefined', () => {
    const config = ordersConfig.load(validEnv);
    const port: number = config.httpPort;
    const base: string | undefined = config.paymentBaseUrl;
    // @ts-expect-error an optional variable without default may be undefined
    const notDefinitelyString: string = config.paymentBaseUrl;
    expect([port, base, notDefinitelyString]).toEqual([3004, undefined, undefined]);
  });
});

describe('serviceVariables', () => {
  const catalogConfig = defineConfig('CATALOG', serviceVariables({ httpPort: 3002 }));
  const keyPem = '-----BEGIN PUBLIC KEY-----\\nMIIB\\n-----END PUBLIC KEY-----';

  it('gives every service the same bootstrap defaults', () => {
    const config = catalogConfig.load({ CATALOG_JWT_PUBLIC_KEY: keyPem });
    expect(config).toMatchObject({
      httpPort: 3002,
      logLevel: 'info',
      tracingExporter: 'none',
      jwtIssuer: 'bazaar-identity',
      shutdownDrainTimeoutMs: 10_000,
    });
  });

  it('turns escaped newlines of the public key into a real PEM block', () => {
    const config = catalogConfig.load({ CATALOG_JWT_PUBLIC_KEY: keyPem });
    expect(config.jwtPublicKey).toBe(
      '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n',
    );
  });

  it('rejects a log level outside the list', () => {
    expect(
      problemsOf(() =>
        catalogConfig.load({ CATALOG_JWT_PUBLIC_KEY: keyPem, CATALOG_LOG_LEVEL: 'verbose' }),
      ),
    ).toEqual([
      'CATALOG_LOG_LEVEL="verbose" must be one of fatal, error, warn, info, debug, trace, silent (expected one of: fatal, error, warn, info, debug, trace, silent)',
    ]);
  });
});
