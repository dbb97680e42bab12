/**
 * cors conformance (kong-gateway.md A5; Kong spec 03-plugins/13-cors/01-access_spec.lua):
 * preflights, the origin decision for flat, multi and regex origins, credentials, Vary, and
 * decoration of Kong's own 401 and 404 responses.
 */
import { send } from './support/http-client';
import { serviceUrl, startSuite, stopSuite, type Suite } from './support/suite';

let suite: Suite;

beforeAll(async () => {
  const cors = (name: string, config: object, extra: object = {}) => ({
    name: `cors-${name}`,
    paths: [`/${name}`],
    methods: ['GET', 'POST', 'OPTIONS'],
    plugins: [{ name: 'cors', config }],
    ...extra,
  });
  suite = await startSuite((up) => ({
    services: [
      {
        name: 'cors-echo',
        url: serviceUrl(up),
        routes: [
          cors('all', {}),
          cors('flat', { origins: ['http://shop.test'] }),
          cors('multi', { origins: ['http://a.test', 'https://b.test:8443', 'example.test'] }),
          cors('regex', { origins: ['.*\\.shop\\.test', 'http://exact.test'] }),
          cors('creds', { origins: ['http://shop.test', 'http://other.test'], credentials: true }),
          cors('creds-all', { credentials: true }),
          cors('full', {
            origins: ['http://a.test', 'http://b.test'],
            headers: ['X-One', 'X-Two'],
            exposed_headers: ['X-Exposed'],
            methods: ['GET', 'POST'],
            max_age: 3600,
            private_network: true,
          }),
          cors('continue', { preflight_continue: true }),
          cors('absent', {
            origins: ['http://a.test', 'http://b.test'],
            allow_origin_absent: false,
          }),
          {
            name: 'cors-with-jwt',
            paths: ['/with-jwt'],
            methods: ['GET', 'OPTIONS'],
            plugins: [
              { name: 'cors', config: { origins: ['http://a.test', 'http://b.test'] } },
              { name: 'jwt' },
            ],
          },
          { name: 'cors-get-only', paths: ['/get-only'], methods: ['GET'] },
        ],
      },
    ],
    plugins: [{ name: 'cors', config: { origins: ['http://global.test'] } }],
  }));
});

afterAll(() => stopSuite(suite));

const preflight = (path: string, origin: string, extra: Record<string, string> = {}) =>
  send(suite.url, path, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', ...extra },
  });

describe('preflight', () => {
  it('answers 200 with an empty body and the default method list', async () => {
    const res = await preflight('/all', 'http://x.test');
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    expect(res.headers['content-length']).toBe('0');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toBe(
      'GET,HEAD,PUT,PATCH,POST,DELETE,OPTIONS,TRACE,CONNECT',
    );
    expect(res.headers.vary).toBeUndefined();
  });

  it('echoes Access-Control-Request-Headers when no headers are configured', async () => {
    const res = await preflight('/all', 'http://x.test', {
      'Access-Control-Request-Headers': 'X-Custom',
    });
    expect(res.headers['access-control-allow-headers']).toBe('X-Custom');
  });

  it('sends configured headers, methods, max age and private network, but no expose list', async () => {
    const res = await preflight('/full', 'http://a.test', {
      'Access-Control-Request-Private-Network': 'true',
    });
    expect(res.headers['access-control-allow-headers']).toBe('X-One,X-Two');
    expect(res.headers['access-control-allow-methods']).toBe('GET,POST');
    expect(res.headers['access-control-max-age']).toBe('3600');
    expect(res.headers['access-control-allow-private-network']).toBe('true');
    expect(res.headers['access-control-expose-headers']).toBeUndefined();
    expect(res.headers.vary).toBe('Origin');
  });

  it('still answers 200, without ACAO, for a rejected origin', async () => {
    const res = await preflight('/full', 'http://evil.test');
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-methods']).toBe('GET,POST');
  });

  it('is answered before authentication runs', async () => {
    expect((await preflight('/with-jwt', 'http://a.test')).status).toBe(200);
  });

  it('proxies the preflight untouched with preflight_continue', async () => {
    const res = await preflight('/continue', 'http://a.test');
    expect(res.json().method).toBe('OPTIONS');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('proxies an OPTIONS request without Access-Control-Request-Method and decorates it', async () => {
    const res = await send(suite.url, '/flat', {
      method: 'OPTIONS',
      headers: { Origin: 'http://shop.test' },
    });
    expect(res.json().method).toBe('OPTIONS');
    expect(res.headers['access-control-allow-origin']).toBe('http://shop.test');
  });

  it('fails with 404 on a route whose methods lack OPTIONS; a global cors still decorates it', async () => {
    const res = await preflight('/get-only', 'http://global.test');
    expect(res.status).toBe(404);
    expect(res.headers['access-control-allow-origin']).toBe('http://global.test');
  });
});

describe('origin decision on normal responses', () => {
  it('sends * without Vary when no origins are configured', async () => {
    const res = await send(suite.url, '/all', { headers: { Origin: 'http://x.test' } });
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers.vary).toBeUndefined();
  });

  it('echoes a single flat origin verbatim whatever the request Origin', async () => {
    const res = await send(suite.url, '/flat', { headers: { Origin: 'http://evil.test' } });
    expect(res.headers['access-control-allow-origin']).toBe('http://shop.test');
    expect(res.headers.vary).toBe('Origin');
  });

  it('answers a listed origin with the normalized request origin (default port removed)', async () => {
    const res = await send(suite.url, '/multi', { headers: { Origin: 'http://a.test:80' } });
    expect(res.headers['access-control-allow-origin']).toBe('http://a.test');
  });

  it('matches a listed origin with a non-default port exactly', async () => {
    const res = await send(suite.url, '/multi', { headers: { Origin: 'https://b.test:8443' } });
    expect(res.headers['access-control-allow-origin']).toBe('https://b.test:8443');
  });

  it('never matches a scheme-less flat entry inside a list', async () => {
    const res = await send(suite.url, '/multi', { headers: { Origin: 'http://example.test' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers.vary).toBe('Origin');
  });

  it('matches a regex without colon against the origin host only', async () => {
    const res = await send(suite.url, '/regex', { headers: { Origin: 'https://api.shop.test' } });
    expect(res.headers['access-control-allow-origin']).toBe('https://api.shop.test');
  });

  it('anchors regex origins at both ends', async () => {
    const res = await send(suite.url, '/regex', {
      headers: { Origin: 'https://api.shop.test.evil' },
    });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('removes an ACAO the upstream sent when the origin is rejected', async () => {
    const res = await send(suite.url, '/multi/headers?Access-Control-Allow-Origin=*', {
      headers: { Origin: 'http://evil.test' },
    });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('appends Origin to an upstream Vary', async () => {
    const res = await send(suite.url, '/flat/headers?Vary=Accept-Encoding', {
      headers: { Origin: 'http://shop.test' },
    });
    expect(res.all('vary')).toEqual(['Accept-Encoding', 'Origin']);
  });

  it('sends Access-Control-Expose-Headers on normal responses', async () => {
    const res = await send(suite.url, '/full', { headers: { Origin: 'http://a.test' } });
    expect(res.headers['access-control-expose-headers']).toBe('X-Exposed');
    expect(res.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('sends no CORS headers without Origin when allow_origin_absent is false', async () => {
    const res = await send(suite.url, '/absent');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers.vary).toBeUndefined();
  });
});

describe('credentials', () => {
  it('sends Allow-Credentials for a restricted origin list, even for a rejected origin', async () => {
    const res = await send(suite.url, '/creds', { headers: { Origin: 'http://evil.test' } });
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('replaces * with the request Origin when credentials are on', async () => {
    const res = await send(suite.url, '/creds-all', { headers: { Origin: 'http://x.test' } });
    expect(res.headers['access-control-allow-origin']).toBe('http://x.test');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers.vary).toBe('Origin');
  });

  it('keeps * without Allow-Credentials when no Origin was sent', async () => {
    const res = await send(suite.url, '/creds-all');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });
});

describe("Kong's own responses", () => {
  it('decorates a 401 from a later auth plugin', async () => {
    const res = await send(suite.url, '/with-jwt', { headers: { Origin: 'http://b.test' } });
    expect(res.status).toBe(401);
    expect(res.headers['access-control-allow-origin']).toBe('http://b.test');
  });

  it('decorates the 404 with a global cors instance', async () => {
    const res = await send(suite.url, '/no-such-route', { headers: { Origin: 'http://x.test' } });
    expect(res.status).toBe(404);
    expect(res.headers['access-control-allow-origin']).toBe('http://global.test');
  });
});
