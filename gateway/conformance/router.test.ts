/**
 * Router conformance (kong-gateway.md A2.1-A2.3, A2.7; Kong spec 05-proxy/02-router_spec.lua,
 * 01-unit/08-router_spec.lua): which route a request reaches, judged by the service path each
 * route forwards to, and Kong's 404/503/426 answers when none applies.
 */
import { echoOf, send } from './support/http-client';
import { serviceUrl, startSuite, stopSuite, type Suite } from './support/suite';

let suite: Suite;

beforeAll(async () => {
  suite = await startSuite((up) => {
    const to = (name: string): string => serviceUrl(up, `/${name}`);
    return {
      services: [
        {
          name: 'prefix-foo',
          url: to('prefix-foo'),
          routes: [{ name: 'r-prefix-foo', paths: ['/foo'] }],
        },
        {
          name: 'regex-exact',
          url: to('regex-exact'),
          routes: [{ name: 'r-regex-exact', paths: ['~/exact$'] }],
        },
        {
          name: 'get-only',
          url: to('get-only'),
          routes: [{ name: 'r-get-only', methods: ['GET'], paths: ['/get-only'] }],
        },
        {
          name: 'users-me-prefix',
          url: to('users-me-prefix'),
          routes: [{ name: 'r-users-me', paths: ['/users/me'] }],
        },
        {
          name: 'users-regex-get',
          url: to('users-regex-get'),
          routes: [{ name: 'r-users-regex-get', methods: ['GET'], paths: ['~/users/[^/]+$'] }],
        },
        {
          name: 'items-prefix',
          url: to('items-prefix'),
          routes: [{ name: 'r-items-prefix', paths: ['/items/me'] }],
        },
        {
          name: 'items-regex',
          url: to('items-regex'),
          routes: [{ name: 'r-items-regex', paths: ['~/items/[^/]+$'] }],
        },
        {
          name: 'oas-plain',
          url: to('oas-plain'),
          routes: [
            {
              name: 'r-oas-plain',
              methods: ['GET'],
              paths: ['~/oas/me$'],
              regex_priority: 200,
              strip_path: false,
            },
          ],
        },
        {
          name: 'oas-param',
          url: to('oas-param'),
          routes: [
            {
              name: 'r-oas-param',
              methods: ['GET'],
              paths: ['~/oas/(?<id>[^#?/]+)$'],
              regex_priority: 100,
              strip_path: false,
            },
          ],
        },
        { name: 'short', url: to('short'), routes: [{ name: 'r-short', paths: ['/nest'] }] },
        { name: 'long', url: to('long'), routes: [{ name: 'r-long', paths: ['/nest/deeper'] }] },
        {
          name: 'split-a',
          url: to('split-a'),
          routes: [{ name: 'r-split-a', paths: ['/ov', '/ov/bar/baz'] }],
        },
        {
          name: 'split-b',
          url: to('split-b'),
          routes: [{ name: 'r-split-b', paths: ['/ov/bar'] }],
        },
        {
          name: 'host-plain',
          url: to('host-plain'),
          routes: [{ name: 'r-host-plain', hosts: ['a.example.test'] }],
        },
        {
          name: 'host-wild',
          url: to('host-wild'),
          routes: [{ name: 'r-host-wild', hosts: ['*.wild.test'] }],
        },
        {
          name: 'host-port',
          url: to('host-port'),
          routes: [{ name: 'r-host-port', hosts: ['port.test:8123'] }],
        },
        {
          name: 'trace-method',
          url: to('trace-method'),
          routes: [{ name: 'r-put-method', methods: ['PUT'] }],
        },
        {
          name: 'by-header',
          url: to('by-header'),
          routes: [
            {
              name: 'r-by-header',
              paths: ['/hdr'],
              headers: { 'X-Version': ['v2', '~*^beta-\\d+$'] },
            },
          ],
        },
        {
          name: 'no-header',
          url: to('no-header'),
          routes: [{ name: 'r-no-header', paths: ['/hdr'] }],
        },
        { name: 'hello', url: to('hello'), routes: [{ name: 'r-hello', paths: ['/hello'] }] },
        {
          name: 'off',
          url: to('off'),
          enabled: false,
          routes: [{ name: 'r-off', paths: ['/disabled'] }],
        },
        {
          name: 'https-only',
          url: to('https-only'),
          routes: [{ name: 'r-https-only', paths: ['/secure'], protocols: ['https'] }],
        },
        {
          name: 'https-redirect',
          url: to('https-redirect'),
          routes: [
            {
              name: 'r-https-redirect',
              paths: ['/moved'],
              protocols: ['https'],
              https_redirect_status_code: 301,
            },
          ],
        },
      ],
      routes: [{ name: 'r-serviceless', paths: ['/serviceless'] }],
    };
  });
});

afterAll(() => stopSuite(suite));

/** The service a request reached: the first segment of the upstream path. */
async function reached(
  target: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<string | number> {
  const res = await send(suite.url, target, { method, headers });
  if (res.status !== 200) return res.status;
  return echoOf(res).url.split('/')[1]!.split('?')[0]!;
}

describe('path matching', () => {
  it('matches a prefix path as a plain string prefix, not by segment', async () => {
    expect(await reached('/foobar')).toBe('prefix-foo');
  });

  it('anchors a regex path at the start and honours its $', async () => {
    expect(await reached('/exact')).toBe('regex-exact');
    expect(await reached('/exact/')).toBe(404);
  });

  it('normalizes the request path before matching', async () => {
    expect(await reached('/h%65llo')).toBe('hello');
  });

  it('answers 404 for a path whose escapes decode to invalid UTF-8', async () => {
    expect(await reached('/hello%C0')).toBe(404);
  });
});

describe('methods', () => {
  it('answers 404, not 405, when only the method differs', async () => {
    const res = await send(suite.url, '/get-only', { method: 'POST' });
    expect(res.status).toBe(404);
    expect(res.json().message).toBe('no Route matched with those values');
  });

  it('does not treat HEAD as GET', async () => {
    expect(await reached('/get-only', {}, 'HEAD')).toBe(404);
  });
});

describe('priority', () => {
  it('prefers a methods+regex route over a prefix-only route', async () => {
    expect(await reached('/users/me')).toBe('users-regex-get');
  });

  it('prefers a regex path over a prefix path with the same fields', async () => {
    expect(await reached('/items/me')).toBe('items-regex');
  });

  it('orders openapi2kong-style regex routes by regex_priority', async () => {
    expect(await reached('/oas/me')).toBe('oas-plain');
    expect(await reached('/oas/42')).toBe('oas-param');
  });

  it('prefers the longer prefix', async () => {
    expect(await reached('/nest/deeper/x')).toBe('long');
    expect(await reached('/nest/other')).toBe('short');
  });

  it('ranks each group of a route with several paths by its own length', async () => {
    expect(await reached('/ov/bar')).toBe('split-b');
    expect(await reached('/ov/bar/baz/x')).toBe('split-a');
  });

  it('prefers a plain-host route over a methods-only route', async () => {
    expect(await reached('/', { Host: 'a.example.test' }, 'PUT')).toBe('host-plain');
  });
});

describe('hosts and headers', () => {
  it('matches a leftmost wildcard host', async () => {
    expect(await reached('/x', { Host: 'api.wild.test' })).toBe('host-wild');
  });

  it('ignores the Host port for a route host without port', async () => {
    expect(await reached('/x', { Host: 'a.example.test:9999' })).toBe('host-plain');
  });

  it('requires the port of a route host that names one', async () => {
    expect(await reached('/x', { Host: 'port.test:8123' })).toBe('host-port');
    expect(await reached('/x', { Host: 'port.test:8124' })).toBe(404);
  });

  it('routes on a header value case-insensitively and by ~* regex', async () => {
    expect(await reached('/hdr', { 'X-Version': 'V2' })).toBe('by-header');
    expect(await reached('/hdr', { 'X-Version': 'BETA-12' })).toBe('by-header');
    expect(await reached('/hdr', { 'X-Version': 'v3' })).toBe('no-header');
  });
});

describe('router outcomes', () => {
  it('does not route to a disabled service', async () => {
    expect(await reached('/disabled')).toBe(404);
  });

  it('answers 503 for a route without service', async () => {
    const res = await send(suite.url, '/serviceless');
    expect(res.status).toBe(503);
    expect(res.json().message).toBe('no Service found with those values');
  });

  it('answers 426 with Upgrade headers for an https-only route over http', async () => {
    const res = await send(suite.url, '/secure');
    expect(res.status).toBe(426);
    expect(res.json().message).toBe('Please use HTTPS protocol');
    expect(res.headers.upgrade).toBe('TLS/1.2, HTTP/1.1');
    expect(res.headers.connection).toBe('Upgrade');
  });

  it('redirects to https when https_redirect_status_code says so', async () => {
    const res = await send(suite.url, '/moved?x=1', { headers: { Host: 'Shop.Test:8000' } });
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('https://shop.test/moved?x=1');
  });
});
