/**
 * rate-limiting conformance (kong-gateway.md A4; Kong spec 03-plugins/23-rate-limiting/04-access_spec.lua):
 * headers and statuses of the documented 7-request sequence, window selection for RateLimit-*,
 * counting semantics of the local and redis policies, identifiers, scoping and fault tolerance.
 * Redis runs on 127.0.0.1:6379; this suite uses database 11 and route ids unique to it.
 */
import Redis from 'ioredis';
import { idFromEndpointKey } from '../runtime/src/declarative-config/entity-ids';
import { closedPort } from './support/failing-upstreams';
import { send } from './support/http-client';
import { signJwt } from './support/jwt-tokens';
import { serviceUrl, startSuite, stopSuite, type Suite } from './support/suite';

const REDIS_DB = 11;
let suite: Suite;
let redis: Redis;

function route(name: string, config: object, extra: object = {}) {
  return {
    name: `rl-${name}`,
    paths: [`/${name}`],
    plugins: [{ name: 'rate-limiting', config }],
    ...extra,
  };
}

beforeAll(async () => {
  redis = new Redis({ host: '127.0.0.1', port: 6379, db: REDIS_DB, lazyConnect: true });
  await redis.connect();
  const deadRedisPort = await closedPort();
  suite = await startSuite((up) => ({
    consumers: [
      { username: 'rl-alice', jwt_secrets: [{ key: 'rl-alice', secret: 'rl-secret' }] },
      { username: 'rl-bob' },
    ],
    services: [
      {
        name: 'rl-main',
        url: serviceUrl(up),
        routes: [
          route('six', { minute: 6 }),
          route('windows', { minute: 3, hour: 100 }),
          route('tie', { minute: 4, hour: 4 }),
          route('norecount', { minute: 2, hour: 10 }),
          route('hidden', { minute: 1, hide_client_headers: true }),
          route('custom', { minute: 1, error_code: 503, error_message: 'Slow down' }),
          route('by-header', { minute: 1, limit_by: 'header', header_name: 'X-Tenant' }),
          route('by-path', { minute: 1, limit_by: 'path', path: '/by-path/exact' }),
          route('redis', {
            minute: 2,
            hour: 10,
            policy: 'redis',
            redis: { host: '127.0.0.1', port: 6379, database: REDIS_DB },
          }),
          route('redis-down-tolerant', {
            minute: 5,
            policy: 'redis',
            redis: { host: '127.0.0.1', port: deadRedisPort, timeout: 200 },
          }),
          route('redis-down-strict', {
            minute: 5,
            policy: 'redis',
            fault_tolerant: false,
            redis_host: '127.0.0.1',
            redis_port: deadRedisPort,
            redis_timeout: 200,
          }),
          {
            name: 'rl-authed',
            paths: ['/authed'],
            plugins: [{ name: 'jwt' }, { name: 'rate-limiting', config: { minute: 100 } }],
          },
        ],
      },
      {
        name: 'rl-shared',
        url: serviceUrl(up),
        plugins: [{ name: 'rate-limiting', config: { minute: 2 } }],
        routes: [
          { name: 'rl-shared-a', paths: ['/shared-a'] },
          { name: 'rl-shared-b', paths: ['/shared-b'] },
        ],
      },
    ],
    plugins: [
      { name: 'rate-limiting', route: 'rl-authed', consumer: 'rl-alice', config: { minute: 1 } },
    ],
  }));
});

afterAll(async () => {
  await stopSuite(suite);
  const routeId = idFromEndpointKey('routes', 'rl-redis');
  const keys = await redis.keys(`ratelimit:${routeId}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

/** Fixed windows: keep a sequence inside one minute so a rollover cannot reset its counters. */
async function awayFromMinuteEdge(): Promise<void> {
  const second = new Date().getUTCSeconds();
  if (second >= 55) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
}

async function sequence(target: string, n: number, headers: Record<string, string> = {}) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await send(suite.url, target, { headers }));
  return out;
}

describe('local policy', () => {
  // The wait can reach 6 s, past jest's 5 s default hook timeout.
  beforeEach(awayFromMinuteEdge, 10_000);

  it('lets 6 requests through and rejects the 7th with minute: 6', async () => {
    const res = await sequence('/six', 7);
    expect(res.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 429]);
    expect(res.map((r) => r.headers['x-ratelimit-remaining-minute'])).toEqual([
      '5',
      '4',
      '3',
      '2',
      '1',
      '0',
      '0',
    ]);
    expect(res.map((r) => r.headers['ratelimit-remaining'])).toEqual([
      '5',
      '4',
      '3',
      '2',
      '1',
      '0',
      '0',
    ]);
    expect(new Set(res.map((r) => r.headers['ratelimit-limit']))).toEqual(new Set(['6']));
    expect(res[0]!.headers['x-ratelimit-limit-minute']).toBe('6');
    const reset = Number(res[0]!.headers['ratelimit-reset']);
    expect(reset).toBeGreaterThanOrEqual(1);
    expect(reset).toBeLessThanOrEqual(60);
  });

  it('answers the rejected request with the standard body and Retry-After = RateLimit-Reset', async () => {
    const last = (await sequence('/six', 1))[0]!;
    expect(last.status).toBe(429);
    expect(last.json()).toEqual({
      message: 'API rate limit exceeded',
      request_id: last.headers['x-kong-request-id'],
    });
    expect(last.headers['retry-after']).toBe(last.headers['ratelimit-reset']);
  });

  it('describes the window with the fewest remaining requests in RateLimit-*', async () => {
    const [first] = await sequence('/windows', 1);
    expect(first!.headers['ratelimit-limit']).toBe('3');
    expect(first!.headers['ratelimit-remaining']).toBe('2');
    expect(first!.headers['x-ratelimit-remaining-hour']).toBe('99');
    expect(first!.headers['x-ratelimit-limit-minute']).toBe('3');
  });

  it('describes the longer window when remaining counts tie', async () => {
    const [first] = await sequence('/tie', 1);
    const now = new Date();
    const secondsLeftInHour = 3600 - (now.getUTCMinutes() * 60 + now.getUTCSeconds());
    expect(
      Math.abs(Number(first!.headers['ratelimit-reset']) - secondsLeftInHour),
    ).toBeLessThanOrEqual(1);
  });

  it('does not count rejected requests', async () => {
    const res = await sequence('/norecount', 4);
    expect(res.map((r) => r.status)).toEqual([200, 200, 429, 429]);
    expect(res[3]!.headers['x-ratelimit-remaining-hour']).toBe('8');
  });

  it('sends no rate-limit headers at all with hide_client_headers, not even on 429', async () => {
    const res = await sequence('/hidden', 2);
    expect(res[1]!.status).toBe(429);
    for (const r of res)
      expect(Object.keys(r.headers).filter((h) => /ratelimit|retry-after/.test(h))).toEqual([]);
  });

  it('uses error_code and error_message', async () => {
    const res = await sequence('/custom', 2);
    expect(res[1]!.status).toBe(503);
    expect(res[1]!.json().message).toBe('Slow down');
  });

  it('keeps separate counters per header value with limit_by header', async () => {
    expect((await sequence('/by-header', 2, { 'X-Tenant': 'one' })).map((r) => r.status)).toEqual([
      200, 429,
    ]);
    expect((await sequence('/by-header', 1, { 'X-Tenant': 'two' }))[0]!.status).toBe(200);
  });

  it('counts the configured path itself, and other paths by client IP, with limit_by path', async () => {
    expect((await sequence('/by-path/exact', 2)).map((r) => r.status)).toEqual([200, 429]);
    expect((await sequence('/by-path/other', 2)).map((r) => r.status)).toEqual([200, 429]);
  });

  it('shares a service-scoped counter across the service routes', async () => {
    expect((await sequence('/shared-a', 2)).map((r) => r.status)).toEqual([200, 200]);
    expect((await sequence('/shared-b', 1))[0]!.status).toBe(429);
  });

  it('applies a consumer-scoped instance once jwt has authenticated that consumer', async () => {
    const token = signJwt({ iss: 'rl-alice' }, 'HS256', 'rl-secret');
    const res = await sequence('/authed', 2, { Authorization: `Bearer ${token}` });
    expect(res.map((r) => r.status)).toEqual([200, 429]);
    expect(res[0]!.headers['x-ratelimit-limit-minute']).toBe('1');
  });

  it('does not count requests an auth plugin rejected', async () => {
    const rejected = await sequence('/authed', 3);
    expect(rejected.map((r) => r.status)).toEqual([401, 401, 401]);
    expect(rejected[0]!.headers['x-ratelimit-limit-minute']).toBeUndefined();
  });
});

describe('redis policy', () => {
  // The wait can reach 6 s, past jest's 5 s default hook timeout.
  beforeEach(awayFromMinuteEdge, 10_000);

  it('counts rejected requests too', async () => {
    const res = await sequence('/redis', 4);
    expect(res.map((r) => r.status)).toEqual([200, 200, 429, 429]);
    expect(res[3]!.headers['x-ratelimit-remaining-hour']).toBe('7');
  });

  it("stores counters under Kong's key format with the window length as TTL", async () => {
    const routeId = idFromEndpointKey('routes', 'rl-redis');
    // The plugin is scoped to the route only, so the service part is the all-zero UUID.
    const noService = '00000000-0000-0000-0000-000000000000';
    const keys = await redis.keys(`ratelimit:${routeId}:${noService}:127.0.0.1:*:minute`);
    expect(keys.length).toBeGreaterThanOrEqual(1);
    const [key] = keys.sort().slice(-1);
    expect(key).toMatch(/^ratelimit:[0-9a-f-]{36}:[0-9a-f-]{36}:127\.0\.0\.1:\d{13}:minute$/);
    const ttl = await redis.ttl(key!);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
  });

  it('proxies without any rate-limit header when Redis is down and fault_tolerant', async () => {
    const [res] = await sequence('/redis-down-tolerant', 1);
    expect(res!.status).toBe(200);
    expect(Object.keys(res!.headers).filter((h) => /ratelimit/.test(h))).toEqual([]);
  });

  it('answers 500 without rate-limit headers when Redis is down and not fault_tolerant', async () => {
    const [res] = await sequence('/redis-down-strict', 1);
    expect(res!.status).toBe(500);
    expect(res!.json().message).toBe('An unexpected error occurred');
    expect(Object.keys(res!.headers).filter((h) => /ratelimit/.test(h))).toEqual([]);
  });
});
