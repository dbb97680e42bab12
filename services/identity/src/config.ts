/**
 * Every IDENTITY_* variable (services/identity/src/config.ts): the shared bootstrap and
 * infrastructure variables, the signing key, token lifetimes, argon2id cost, service clients and
 * the bootstrap admin. The README's table is generated from here; `checkIdentitySettings` adds the
 * rules that span variables, so a bad combination also stops the service at start.
 */
import { readFileSync } from 'node:fs';
import {
  ConfigError,
  configTypes,
  defineConfig,
  serviceVariables,
} from '@bazaar/platform/config/index';
import { infrastructureVariables } from '@bazaar/platform/service/index';
import { serviceClientsConfigType } from './credentials/service-client-credentials';
import {
  parseRsaPrivateKeyPem,
  publicKeyPemOf,
  rsaPrivateKeyConfigType,
} from './credentials/signing-key';

/** contracts/README.md: identity's REST port. */
export const IDENTITY_HTTP_PORT = 3001;

const bootstrap = serviceVariables({ httpPort: IDENTITY_HTTP_PORT });
/** Identity publishes events and consumes none: the broker URL and the exchange apply. */
function brokerVariables() {
  const { amqpUrl, eventExchange } = infrastructureVariables({ broker: 'publish' });
  if (!amqpUrl || !eventExchange) throw new Error('infrastructureVariables declared no broker');
  return { amqpUrl, eventExchange };
}

function databaseVariableSet() {
  const { databaseUrl, databasePoolSize } = infrastructureVariables({
    database: 'bazaar_identity',
  });
  if (!databaseUrl || !databasePoolSize)
    throw new Error('infrastructureVariables declared no database');
  return { databaseUrl, databasePoolSize };
}

const databaseVariables = databaseVariableSet();

const passwordHashVariables = {
  passwordHashMemoryKib: {
    type: configTypes.integer({ min: 8192, max: 1_048_576 }),
    default: 19_456,
    unit: 'KiB',
    description:
      'argon2id memory cost of new password hashes (OWASP minimum: 19 MiB with 2 passes).',
  },
  passwordHashIterations: {
    type: configTypes.integer({ min: 1, max: 20 }),
    default: 2,
    description: 'argon2id time cost (passes over memory) of new password hashes.',
  },
  passwordHashParallelism: {
    type: configTypes.integer({ min: 1, max: 16 }),
    default: 1,
    description: 'argon2id lanes of new password hashes.',
  },
};

export const identityConfig = defineConfig('IDENTITY', {
  ...bootstrap,
  jwtPublicKey: {
    ...bootstrap.jwtPublicKey,
    optional: true,
    description:
      'SPKI PEM of the token signing key; defaults to the public half of the private key, and must match it when set (\\n escapes allowed).',
  },
  ...databaseVariables,
  ...brokerVariables(),
  jwtPrivateKey: {
    type: rsaPrivateKeyConfigType(),
    optional: true,
    secret: true,
    description:
      'RSA private key (PEM, at least 2048 bits, \\n escapes allowed) that signs access tokens; set this or IDENTITY_JWT_PRIVATE_KEY_FILE.',
  },
  jwtPrivateKeyFile: {
    type: configTypes.string(),
    optional: true,
    description:
      'Path of a PEM file holding the signing key instead (in development: .dev-keys/identity-signing.key.pem, made by `make keys`).',
  },
  accessTokenTtlSeconds: {
    type: configTypes.integer({ min: 60, max: 3600 }),
    default: 900,
    unit: 's',
    description:
      "Lifetime of user access tokens (the gateway's jwt plugin refuses tokens living longer than 3600 s).",
  },
  refreshTokenTtlSeconds: {
    type: configTypes.integer({ min: 300, max: 31_536_000 }),
    default: 604_800,
    unit: 's',
    description: 'How long an unused refresh token stays valid; each refresh starts a new period.',
  },
  refreshTokenPruneIntervalSeconds: {
    type: configTypes.integer({ min: 60, max: 86_400 }),
    default: 3600,
    unit: 's',
    description: 'How often refresh-token families whose every token has expired are deleted.',
  },
  serviceTokenTtlSeconds: {
    type: configTypes.integer({ min: 60, max: 3600 }),
    default: 900,
    unit: 's',
    description: 'Lifetime of service access tokens (issueServiceToken).',
  },
  serviceClients: {
    type: serviceClientsConfigType(),
    default: [],
    secret: true,
    description:
      'Services allowed to get service tokens: comma-separated clientId:secret (secret 32-256 characters) or clientId:sha256:<hex SHA-256 of the secret>.',
  },
  jwksMaxAgeSeconds: {
    type: configTypes.integer({ min: 0, max: 86_400 }),
    default: 300,
    unit: 's',
    description: 'Cache-Control max-age of the JWK Set (GET /api/v1/auth/jwks).',
  },
  ...passwordHashVariables,
  bootstrapAdminEmail: {
    type: configTypes.string(),
    optional: true,
    description:
      'If set and no admin exists at start, this account is created (or promoted) as admin; needs IDENTITY_BOOTSTRAP_ADMIN_PASSWORD.',
  },
  bootstrapAdminPassword: {
    type: configTypes.string(),
    optional: true,
    secret: true,
    description:
      'Password of the bootstrap admin when it has to be created (12-128 characters); an existing account keeps its password.',
  },
  bootstrapAdminDisplayName: {
    type: configTypes.string(),
    default: 'Bazaar admin',
    description: 'Display name of the bootstrap admin when it has to be created.',
  },
});

export type IdentityConfig = ReturnType<typeof identityConfig.load>;

/**
 * The variables the command-line tools (src/cli) read: the database and the argon2id cost, so an
 * admin created from the command line gets the same hash as one who registers.
 */
export const identityCliConfig = defineConfig('IDENTITY', {
  ...databaseVariables,
  ...passwordHashVariables,
});

export type IdentityCliConfig = ReturnType<typeof identityCliConfig.load>;

/** What the variables resolve to once the cross-variable rules hold. */
export interface IdentitySettings {
  /** PKCS#8 PEM of the signing key. */
  signingKeyPem: string;
  /** SPKI PEM of its public half (what this service verifies bearer tokens with). */
  publicKeyPem: string;
  bootstrapAdmin?: { email: string; password: string; displayName: string };
}

/**
 * Applies the rules that span variables: exactly one signing key source, a configured public key
 * that matches the private one, the bootstrap admin's email and password given together.
 * @throws ConfigError listing every problem, like the loader does.
 */
export function checkIdentitySettings(
  config: IdentityConfig,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): IdentitySettings {
  const problems: string[] = [];
  let signingKeyPem: string | undefined;
  if (config.jwtPrivateKey !== undefined && config.jwtPrivateKeyFile !== undefined) {
    problems.push(
      'IDENTITY_JWT_PRIVATE_KEY and IDENTITY_JWT_PRIVATE_KEY_FILE are both set: set one',
    );
  } else if (config.jwtPrivateKey !== undefined) {
    signingKeyPem = config.jwtPrivateKey;
  } else if (config.jwtPrivateKeyFile !== undefined) {
    try {
      signingKeyPem = parseRsaPrivateKeyPem(readFile(config.jwtPrivateKeyFile));
    } catch (err) {
      problems.push(
        `IDENTITY_JWT_PRIVATE_KEY_FILE=${JSON.stringify(config.jwtPrivateKeyFile)} ${(err as Error).message}`,
      );
    }
  } else {
    problems.push(
      'IDENTITY_JWT_PRIVATE_KEY or IDENTITY_JWT_PRIVATE_KEY_FILE is required: the key that signs access tokens (development: IDENTITY_JWT_PRIVATE_KEY_FILE=.dev-keys/identity-signing.key.pem after `make keys`)',
    );
  }
  const publicKeyPem = signingKeyPem ? publicKeyPemOf(signingKeyPem) : undefined;
  if (
    publicKeyPem &&
    config.jwtPublicKey !== undefined &&
    publicKeyPemOf(config.jwtPublicKey) !== publicKeyPem
  ) {
    problems.push('IDENTITY_JWT_PUBLIC_KEY is not the public half of the signing key');
  }
  const { bootstrapAdminEmail: email, bootstrapAdminPassword: password } = config;
  if ((email === undefined) !== (password === undefined)) {
    problems.push(
      'IDENTITY_BOOTSTRAP_ADMIN_EMAIL and IDENTITY_BOOTSTRAP_ADMIN_PASSWORD must be set together',
    );
  }
  if (problems.length > 0 || !signingKeyPem || !publicKeyPem)
    throw new ConfigError('IDENTITY', problems);
  return {
    signingKeyPem,
    publicKeyPem,
    ...(email !== undefined && password !== undefined
      ? { bootstrapAdmin: { email, password, displayName: config.bootstrapAdminDisplayName } }
      : {}),
  };
}
