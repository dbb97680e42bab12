import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, spliceConfigTable } from '@bazaar/platform/config/index';
import { loadCliConfig } from './cli/cli-environment';
import { checkIdentitySettings, identityConfig } from './config';

function rsaPair(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

const { privateKey, publicKey } = rsaPair();

function problemsOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('the identity configuration', () => {
  it('needs only a signing key; everything else has a default', () => {
    const config = identityConfig.load({ IDENTITY_JWT_PRIVATE_KEY: privateKey });
    expect(config).toMatchObject({
      httpPort: 3001,
      databaseUrl: 'postgres://bazaar:bazaar@127.0.0.1:5432/bazaar_identity',
      amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
      jwtIssuer: 'bazaar-identity',
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 604_800,
      serviceTokenTtlSeconds: 900,
      serviceClients: [],
      passwordHashMemoryKib: 19_456,
      passwordHashIterations: 2,
      passwordHashParallelism: 1,
    });
    expect(checkIdentitySettings(config).publicKeyPem).toBe(publicKey);
  });

  it('refuses an access-token lifetime above the gateway maximum of 3600 s', () => {
    expect(
      problemsOf(() =>
        identityConfig.load({
          IDENTITY_JWT_PRIVATE_KEY: privateKey,
          IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '3601',
        }),
      ),
    ).toEqual([
      'IDENTITY_ACCESS_TOKEN_TTL_SECONDS="3601" must be <= 3600 (expected integer (60–3600))',
    ]);
  });

  it('refuses the broker tuning variables identity has no consumer for', () => {
    expect(
      problemsOf(() =>
        identityConfig.load({ IDENTITY_JWT_PRIVATE_KEY: privateKey, IDENTITY_EVENT_PREFETCH: '4' }),
      ),
    ).toEqual([expect.stringMatching(/^IDENTITY_EVENT_PREFETCH is not a known variable/)]);
  });

  it('hides a malformed private key in its error', () => {
    const problems = problemsOf(() =>
      identityConfig.load({ IDENTITY_JWT_PRIVATE_KEY: 'not-a-key-at-all' }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^IDENTITY_JWT_PRIVATE_KEY=<hidden> must be a PEM block/),
    ]);
  });
});

describe('the rules across identity variables', () => {
  it('require a signing key from one of the two variables', () => {
    expect(problemsOf(() => checkIdentitySettings(identityConfig.load({})))).toEqual([
      expect.stringMatching(
        /^IDENTITY_JWT_PRIVATE_KEY or IDENTITY_JWT_PRIVATE_KEY_FILE is required/,
      ),
    ]);
  });

  it('refuse both key variables at once', () => {
    const config = identityConfig.load({
      IDENTITY_JWT_PRIVATE_KEY: privateKey,
      IDENTITY_JWT_PRIVATE_KEY_FILE: '/keys/identity.pem',
    });
    expect(problemsOf(() => checkIdentitySettings(config, () => privateKey))).toEqual([
      'IDENTITY_JWT_PRIVATE_KEY and IDENTITY_JWT_PRIVATE_KEY_FILE are both set: set one',
    ]);
  });

  it('read the key from the file IDENTITY_JWT_PRIVATE_KEY_FILE names', () => {
    const config = identityConfig.load({ IDENTITY_JWT_PRIVATE_KEY_FILE: '/keys/identity.pem' });
    const read: string[] = [];
    const settings = checkIdentitySettings(config, (file) => {
      read.push(file);
      return privateKey;
    });
    expect(read).toEqual(['/keys/identity.pem']);
    expect(settings.publicKeyPem).toBe(publicKey);
  });

  it('report a key file that holds no private key', () => {
    const config = identityConfig.load({ IDENTITY_JWT_PRIVATE_KEY_FILE: '/keys/identity.pem' });
    expect(problemsOf(() => checkIdentitySettings(config, () => publicKey))).toEqual([
      expect.stringMatching(
        /^IDENTITY_JWT_PRIVATE_KEY_FILE="\/keys\/identity.pem" must be a PEM block/,
      ),
    ]);
  });

  it('refuse a public key that is not the half of the signing key', () => {
    const config = identityConfig.load({
      IDENTITY_JWT_PRIVATE_KEY: privateKey,
      IDENTITY_JWT_PUBLIC_KEY: rsaPair().publicKey,
    });
    expect(problemsOf(() => checkIdentitySettings(config))).toEqual([
      'IDENTITY_JWT_PUBLIC_KEY is not the public half of the signing key',
    ]);
  });

  it('accept the matching public key', () => {
    const config = identityConfig.load({
      IDENTITY_JWT_PRIVATE_KEY: privateKey,
      IDENTITY_JWT_PUBLIC_KEY: publicKey,
    });
    expect(checkIdentitySettings(config).publicKeyPem).toBe(publicKey);
  });

  it('want the bootstrap admin email and password together', () => {
    const config = identityConfig.load({
      IDENTITY_JWT_PRIVATE_KEY: privateKey,
      IDENTITY_BOOTSTRAP_ADMIN_EMAIL: 'root@example.org',
    });
    expect(problemsOf(() => checkIdentitySettings(config))).toEqual([
      'IDENTITY_BOOTSTRAP_ADMIN_EMAIL and IDENTITY_BOOTSTRAP_ADMIN_PASSWORD must be set together',
    ]);
  });

  it('hand over the bootstrap admin when both are set', () => {
    const config = identityConfig.load({
      IDENTITY_JWT_PRIVATE_KEY: privateKey,
      IDENTITY_BOOTSTRAP_ADMIN_EMAIL: 'root@example.org',
      IDENTITY_BOOTSTRAP_ADMIN_PASSWORD: 'a-long-enough-password',
    });
    expect(checkIdentitySettings(config).bootstrapAdmin).toEqual({
      email: 'root@example.org',
      password: 'a-long-enough-password',
      displayName: 'Bazaar admin',
    });
  });
});

describe('the command-line configuration', () => {
  it("sets aside the service's own variables", () => {
    const config = loadCliConfig({
      IDENTITY_JWT_PRIVATE_KEY: 'the service reads this, the CLI does not',
      IDENTITY_DATABASE_URL: 'postgres://bazaar:bazaar@127.0.0.1:5432/other',
    });
    expect(config.databaseUrl).toBe('postgres://bazaar:bazaar@127.0.0.1:5432/other');
  });

  it('still refuses a misspelt variable', () => {
    expect(problemsOf(() => loadCliConfig({ IDENTITY_DATABASE_ULR: 'x' }))).toEqual([
      expect.stringMatching(
        /^IDENTITY_DATABASE_ULR is not a known variable \(did you mean IDENTITY_DATABASE_URL\?\)/,
      ),
    ]);
  });
});

describe('the README', () => {
  it('carries the configuration table generated from config.ts', () => {
    const readme = readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');
    expect(readme).toBe(spliceConfigTable(readme, identityConfig));
  });
});
