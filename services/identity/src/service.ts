/**
 * The identity service as a platform ServiceDefinition (services/identity/src/service.ts): its
 * name, migrations and events, and `build`, which wires credentials → use cases → the generated
 * HTTP binding once the database and broker are up, and creates the bootstrap admin if asked.
 */
import path from 'node:path';
import type pg from 'pg';
import { identityEvents } from '@bazaar/generated/events/identity';
import { eventRegistry } from '@bazaar/generated/events/registry';
import { mountIdentityApi } from '@bazaar/generated/http/identity/server';
import type { ServiceDefinition, ServiceEvents } from '@bazaar/platform/service/index';
import type { Registry } from '@bazaar/platform/telemetry/index';
import { checkIdentitySettings, type IdentityConfig, type IdentitySettings } from './config';
import { AccessTokenIssuer } from './credentials/access-token-issuer';
import { PasswordHasher } from './credentials/password-hasher';
import { ServiceClientDirectory } from './credentials/service-client-credentials';
import { loadSigningKey } from './credentials/signing-key';
import { createIdentityMetrics } from './identity.metrics';
import { identityRoutes } from './http/routes';
import { refreshTokenPruningWorker } from './refresh-token-pruning.worker';
import { bootstrapAdmin } from './use-cases/bootstrap-admin';
import type { IdentityContext } from './use-cases/identity-context';

export const IDENTITY_MIGRATIONS_DIR = path.resolve(__dirname, '../migrations');

/** What tests may replace: the clock, the broker names, the file reader of the key file. */
export interface IdentityOverrides {
  now?: () => Date;
  events?: Pick<ServiceEvents, 'exchange' | 'queuePrefix' | 'connectionName'>;
  readFile?: (path: string) => string;
}

/** The configuration startService runs with: the public key is always known (derived if unset). */
export type ResolvedIdentityConfig = Omit<IdentityConfig, 'jwtPublicKey'> & {
  jwtPublicKey: string;
};

export interface IdentityContextOptions {
  config: IdentityConfig;
  settings: IdentitySettings;
  pool: pg.Pool;
  metrics: Registry;
  now?: () => Date;
}

/** Builds the use cases' context: signing key, argon2id hasher (with its decoy), clients, metrics. */
export async function createIdentityContext(
  options: IdentityContextOptions,
): Promise<IdentityContext> {
  const { config, settings } = options;
  const now = options.now ?? (() => new Date());
  const signingKey = await loadSigningKey(settings.signingKeyPem);
  return {
    pool: options.pool,
    hasher: await PasswordHasher.create({
      memoryKib: config.passwordHashMemoryKib,
      iterations: config.passwordHashIterations,
      parallelism: config.passwordHashParallelism,
    }),
    signingKey,
    accessTokens: new AccessTokenIssuer({ key: signingKey, issuer: config.jwtIssuer, now }),
    serviceClients: new ServiceClientDirectory(config.serviceClients),
    lifetimes: {
      accessToken: config.accessTokenTtlSeconds,
      refreshToken: config.refreshTokenTtlSeconds,
      serviceToken: config.serviceTokenTtlSeconds,
    },
    metrics: createIdentityMetrics(options.metrics),
    now,
  };
}

/**
 * @throws ConfigError when variables break a cross-variable rule (see checkIdentitySettings).
 */
export function identityService(
  config: IdentityConfig,
  overrides: IdentityOverrides = {},
): ServiceDefinition<ResolvedIdentityConfig> {
  const settings = checkIdentitySettings(config, overrides.readFile);
  return {
    service: 'identity',
    config: { ...config, jwtPublicKey: settings.publicKeyPem },
    migrationsDir: IDENTITY_MIGRATIONS_DIR,
    events: {
      registry: eventRegistry,
      sends: identityEvents.sends,
      receives: identityEvents.receives,
      ...overrides.events,
    },
    async build({ pool, runtime }) {
      if (!pool) throw new Error('identity: the database pool is missing');
      const ctx = await createIdentityContext({
        config,
        settings,
        pool,
        metrics: runtime.metrics,
        ...(overrides.now ? { now: overrides.now } : {}),
      });
      if (settings.bootstrapAdmin) {
        const result = await bootstrapAdmin(ctx, settings.bootstrapAdmin);
        runtime.logger.info(
          { outcome: result.outcome, ...('userId' in result ? { userId: result.userId } : {}) },
          'bootstrap admin checked',
        );
      }
      const handlers = identityRoutes(ctx, { jwksMaxAgeSeconds: config.jwksMaxAgeSeconds });
      return {
        mountApi: (router) => mountIdentityApi(router, handlers, runtime.mountOptions),
        workers: [
          refreshTokenPruningWorker(ctx, config.refreshTokenPruneIntervalSeconds, runtime.logger),
        ],
      };
    },
  };
}
