/**
 * rate-limiting config (kong/plugins/rate-limiting/schema.lua + kong/tools/redis/schema.lua,
 * kong-gateway.md A4.1) as Kong validates it in DB-less mode (`policy` is `local` or `redis`),
 * including the deprecated flat `redis_*` aliases. `sync_rate` other than -1 (batched Redis sync)
 * is refused.
 */
import {
  atLeastOneOf,
  type RecordCheck,
  type RecordField,
} from '../../declarative-config/schema/field-schema';
import { headerName, host, path, port } from '../../declarative-config/schema/typedefs';
import { NOT_SUPPORTED } from '../../declarative-config/entities/unsupported';
import type { PluginSchema } from '../plugin';

export const PERIODS = ['second', 'minute', 'hour', 'day', 'month', 'year'] as const;
export type Period = (typeof PERIODS)[number];

export interface RedisConfig {
  host?: string;
  port: number;
  timeout: number;
  username?: string;
  password?: string;
  database: number;
  ssl: boolean;
  ssl_verify: boolean;
  server_name?: string;
}

export interface RateLimitingConfig extends Partial<Record<Period, number>> {
  limit_by: 'consumer' | 'credential' | 'ip' | 'service' | 'header' | 'path';
  header_name?: string;
  path?: string;
  policy: 'local' | 'redis';
  fault_tolerant: boolean;
  redis: RedisConfig;
  hide_client_headers: boolean;
  error_code: number;
  error_message: string;
  sync_rate: number;
}

const redisSchema: RecordField = {
  type: 'record',
  default: {},
  fields: {
    host: host({ description: 'Redis host.' }),
    port: port({ default: 6379 }),
    timeout: {
      type: 'integer',
      between: [0, 2 ** 31 - 2],
      default: 2000,
      description: 'Connect/command timeout in ms.',
    },
    username: { type: 'string' },
    password: { type: 'string', lenMin: 0 },
    database: { type: 'integer', default: 0 },
    ssl: { type: 'boolean', default: false },
    ssl_verify: { type: 'boolean', default: false },
    server_name: host(),
  },
};

/** Flat `redis_*` aliases, rewritten into `redis.*` (Kong `shorthand_fields`). */
const redisAlias =
  (field: keyof RedisConfig) => (value: unknown, record: Record<string, unknown>) => {
    const redis = (record.redis && typeof record.redis === 'object' ? record.redis : {}) as Record<
      string,
      unknown
    >;
    record.redis = { ...redis, [field]: value };
  };

const periodsInOrder: RecordCheck = (conf) => {
  for (let i = 0; i < PERIODS.length; i++) {
    const lower = conf[PERIODS[i]!];
    if (typeof lower !== 'number') continue;
    for (const upper of PERIODS.slice(i + 1)) {
      const v = conf[upper];
      if (typeof v === 'number' && v < lower) {
        return {
          message: `The limit for ${upper}(${v.toFixed(1)}) cannot be lower than the limit for ${PERIODS[i]}(${lower.toFixed(1)})`,
        };
      }
    }
  }
  if (conf.policy !== 'redis' && conf.sync_rate !== -1)
    return { message: 'sync_rate can only be used with the redis policy' };
  if (conf.policy === 'redis' && conf.sync_rate !== -1 && (conf.sync_rate as number) < 0.02) {
    return { message: 'sync_rate must be greater than 0.02, or -1 to disable' };
  }
  return undefined;
};

const required =
  (
    ifField: string,
    ifValue: string,
    field: string,
    get: (c: Record<string, unknown>) => unknown,
  ): RecordCheck =>
  (conf) =>
    conf[ifField] === ifValue && (get(conf) === undefined || get(conf) === null)
      ? { field, message: 'required field missing' }
      : undefined;

export const rateLimitingSchema: PluginSchema = {
  config: {
    type: 'record',
    fields: {
      second: { type: 'number', gt: 0, description: 'Requests per second.' },
      minute: { type: 'number', gt: 0, description: 'Requests per minute.' },
      hour: { type: 'number', gt: 0, description: 'Requests per hour.' },
      day: { type: 'number', gt: 0, description: 'Requests per day.' },
      month: { type: 'number', gt: 0, description: 'Requests per month.' },
      year: { type: 'number', gt: 0, description: 'Requests per year.' },
      limit_by: {
        type: 'string',
        default: 'consumer',
        oneOf: ['consumer', 'credential', 'ip', 'service', 'header', 'path'],
        description: 'What the counters are keyed by.',
      },
      header_name: headerName(),
      path: path(),
      policy: {
        type: 'string',
        default: 'local',
        lenMin: 0,
        oneOf: ['local', 'redis'],
        description: 'Counter store.',
      },
      fault_tolerant: {
        type: 'boolean',
        required: true,
        default: true,
        description: 'Proxy when the store fails.',
      },
      redis: redisSchema,
      hide_client_headers: {
        type: 'boolean',
        required: true,
        default: false,
        description: 'Send no rate-limit headers.',
      },
      error_code: {
        type: 'number',
        default: 429,
        gt: 0,
        description: 'Status when the limit is exceeded.',
      },
      error_message: {
        type: 'string',
        default: 'API rate limit exceeded',
        description: 'Message when the limit is exceeded.',
      },
      sync_rate: {
        type: 'number',
        required: true,
        default: -1,
        description: 'Seconds between Redis syncs; -1 counts synchronously.',
      },
    },
    shorthands: {
      redis_host: redisAlias('host'),
      redis_port: redisAlias('port'),
      redis_password: redisAlias('password'),
      redis_username: redisAlias('username'),
      redis_ssl: redisAlias('ssl'),
      redis_ssl_verify: redisAlias('ssl_verify'),
      redis_server_name: redisAlias('server_name'),
      redis_timeout: redisAlias('timeout'),
      redis_database: redisAlias('database'),
    },
    checks: [
      periodsInOrder,
      atLeastOneOf(PERIODS, (f) => `config.${f}`),
      required('policy', 'redis', 'redis.host', (c) => (c.redis as RedisConfig).host),
      required('limit_by', 'header', 'header_name', (c) => c.header_name),
      required('limit_by', 'path', 'path', (c) => c.path),
      (conf) =>
        conf.policy === 'redis' && conf.sync_rate !== -1
          ? { field: 'sync_rate', message: `sync_rate > 0 ${NOT_SUPPORTED}` }
          : undefined,
    ],
  },
};
