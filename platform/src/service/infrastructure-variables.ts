/**
 * The configuration variables for the servers a service uses (PostgreSQL, RabbitMQ, Redis),
 * spread into its `defineConfig` beside serviceVariables, with defaults that reach the local
 * servers tools/infra/ensure-servers.sh starts.
 */
import { configTypes } from '../config/config-types';
import { type ConfigVariable } from '../config/define-config';
import { DEFAULT_EXCHANGE, DEFAULT_QUEUE_PREFIX } from '../events/topology';

export interface InfrastructureDefaults {
  /** The service's database name, e.g. bazaar_orders (one database per service). */
  database?: string;
  /**
   * `publish`: the service only sends events (broker URL and exchange); `consume` or `true`: it
   * also receives them (queue prefix, prefetch, retry delays). Unused variables are not declared,
   * so that none is silently ignored.
   */
  broker?: boolean | 'publish' | 'consume';
  redis?: boolean;
}

/** Declarations for the servers this service needs; only those asked for are declared. */
export function infrastructureVariables(defaults: InfrastructureDefaults) {
  return {
    ...(defaults.database
      ? {
          databaseUrl: {
            type: configTypes.url({ protocols: ['postgres:', 'postgresql:'] }),
            default: `postgres://bazaar:bazaar@127.0.0.1:5432/${defaults.database}`,
            secret: true,
            description:
              'PostgreSQL URL of the service database (created and migrated at start if missing).',
          } satisfies ConfigVariable<string>,
          databasePoolSize: {
            type: configTypes.integer({ min: 1, max: 200 }),
            default: 10,
            description: 'Most connections the service keeps open to its database.',
          } satisfies ConfigVariable<number>,
        }
      : {}),
    ...(defaults.broker
      ? {
          amqpUrl: {
            type: configTypes.url({ protocols: ['amqp:', 'amqps:'] }),
            default: 'amqp://guest:guest@127.0.0.1:5672',
            secret: true,
            description: 'RabbitMQ URL; events go through its topic exchange bazaar.events.',
          } satisfies ConfigVariable<string>,
          eventExchange: {
            type: configTypes.string({
              pattern: /^[A-Za-z0-9._:-]+$/,
              patternDescription: 'an exchange name',
            }),
            default: DEFAULT_EXCHANGE,
            description: 'Topic exchange every event is published to and consumed from.',
          } satisfies ConfigVariable<string>,
        }
      : {}),
    ...(defaults.broker === true || defaults.broker === 'consume'
      ? {
          eventQueuePrefix: {
            type: configTypes.string({
              pattern: /^[A-Za-z0-9._:-]+$/,
              patternDescription: 'a queue name prefix',
            }),
            default: DEFAULT_QUEUE_PREFIX,
            description:
              'Prefix of the service queues: <prefix>.<service>, its retry queues and its dead-letter queue.',
          } satisfies ConfigVariable<string>,
          eventPrefetch: {
            type: configTypes.integer({ min: 1, max: 1000 }),
            default: 16,
            description: 'Messages the consumer handles at once (AMQP prefetch).',
          } satisfies ConfigVariable<number>,
          eventRetryDelaysMs: {
            type: configTypes.list(configTypes.integer({ min: 1, max: 86_400_000 })),
            default: [1_000, 5_000, 30_000, 120_000],
            unit: 'ms',
            description:
              'Delays before each retry of a failing event handler; after the last retry the message goes to the dead-letter queue.',
          } satisfies ConfigVariable<readonly number[]>,
        }
      : {}),
    ...(defaults.redis
      ? {
          redisUrl: {
            type: configTypes.url({ protocols: ['redis:', 'rediss:'] }),
            default: 'redis://127.0.0.1:6379',
            secret: true,
            description: 'Redis URL (caches and read models built from events).',
          } satisfies ConfigVariable<string>,
        }
      : {}),
  };
}
