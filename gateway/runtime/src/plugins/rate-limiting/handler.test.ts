import { bindPlugin, fakeContext, testConfig } from '../../testing/fake-request';

let routeCounter = 0;
/** A fresh route per test so the process-wide local counters never carry over. */
function limiter(config: object) {
  const name = `rl-unit-${++routeCounter}`;
  const cfg = testConfig({
    services: [
      {
        name,
        url: 'http://127.0.0.1:1',
        routes: [{ name, paths: ['/'], plugins: [{ name: 'rate-limiting', config }] }],
      },
    ],
  });
  return bindPlugin(cfg, 'rate-limiting');
}

function call(plugin: ReturnType<typeof limiter>, headers: [string, string][] = []) {
  const ctx = fakeContext({ headers });
  plugin.access!(ctx);
  return { ctx, headers: Object.fromEntries(ctx.accessResponseHeaders ?? []) };
}

describe('rate-limiting handler (local policy)', () => {
  it('counts down X-RateLimit-Remaining and rejects past the limit', () => {
    const p = limiter({ minute: 2 });
    expect(call(p).headers['X-RateLimit-Remaining-Minute']).toBe('1');
    expect(call(p).headers['X-RateLimit-Remaining-Minute']).toBe('0');
    const third = call(p);
    expect(third.ctx.exit?.status).toBe(429);
    expect(third.headers['Retry-After']).toBe(third.headers['RateLimit-Reset']);
  });

  it('reports the window with the fewest remaining requests, the longer one on ties', () => {
    const fewest = call(limiter({ minute: 3, hour: 100 })).headers;
    expect(fewest['RateLimit-Limit']).toBe('3');
    const tie = call(limiter({ minute: 5, hour: 5 })).headers;
    const now = new Date();
    const hourLeft = 3600 - (now.getUTCMinutes() * 60 + now.getUTCSeconds());
    expect(Math.abs(Number(tie['RateLimit-Reset']) - hourLeft)).toBeLessThanOrEqual(1);
    expect(tie['RateLimit-Remaining']).toBe('4');
  });

  it('keys counters by limit_by header value', () => {
    const p = limiter({ minute: 1, limit_by: 'header', header_name: 'x-tenant' });
    expect(call(p, [['X-Tenant', 'a']]).ctx.exit).toBeUndefined();
    expect(call(p, [['X-Tenant', 'b']]).ctx.exit).toBeUndefined();
    expect(call(p, [['X-Tenant', 'a']]).ctx.exit?.status).toBe(429);
  });

  it('sends no headers with hide_client_headers', () => {
    expect(
      call(limiter({ minute: 1, hide_client_headers: true })).ctx.accessResponseHeaders,
    ).toBeUndefined();
  });

  it('uses error_code and error_message', () => {
    const p = limiter({ minute: 1, error_code: 503, error_message: 'busy' });
    call(p);
    const { ctx } = call(p);
    expect(ctx.exit?.status).toBe(503);
    expect(ctx.exit?.body).toContain('"message":"busy"');
  });
});

describe('rate-limiting schema', () => {
  const load = (config: object) => () =>
    testConfig({ plugins: [{ name: 'rate-limiting', config }] });

  it('maps the deprecated redis_* aliases into redis.*', () => {
    const cfg = testConfig({
      plugins: [
        {
          name: 'rate-limiting',
          config: { minute: 1, policy: 'redis', redis_host: 'r.test', redis_port: 6380 },
        },
      ],
    });
    expect(cfg.plugins[0]!.config.redis).toMatchObject({
      host: 'r.test',
      port: 6380,
      timeout: 2000,
      database: 0,
    });
  });

  it('requires redis.host for the redis policy', () => {
    expect(load({ minute: 1, policy: 'redis' })).toThrow(
      'config.redis.host: required field missing',
    );
  });

  it('refuses sync_rate with the local policy as Kong does', () => {
    expect(load({ minute: 1, sync_rate: 1 })).toThrow(
      'sync_rate can only be used with the redis policy',
    );
  });

  it('requires header_name for limit_by header', () => {
    expect(load({ minute: 1, limit_by: 'header' })).toThrow(
      'config.header_name: required field missing',
    );
  });
});
