/**
 * Upstream request URI conformance (kong-gateway.md A2.4, path_handling v0; Kong's
 * spec/fixtures/router_path_handling_tests.lua): service path + stripped request path, escaping,
 * and the query string passed through verbatim.
 */
import { echoOf, send } from './support/http-client';
import { serviceUrl, startSuite, stopSuite, type Suite } from './support/suite';

let suite: Suite;

/** [service path, route path, strip_path, request, expected upstream target]. */
const rows: [string, string, boolean, string, string][] = [
  ['/', '/route', true, '/route', '/'],
  ['/', '/route', true, '/route/', '/'],
  ['/', '/route', true, '/routereq', '/req'],
  ['/', '/route', false, '/route/', '/route/'],
  ['/srv', '/rou', false, '/roureq', '/srv/roureq'],
  ['/srv', '/rou', true, '/roureq', '/srv/req'],
  ['/srv/', '/rou', true, '/rou', '/srv'],
  ['/service', '/route', true, '/route', '/service'],
  ['/service', '/route', true, '/route/', '/service/'],
  ['/service', '/route', false, '/route', '/service/route'],
  ['/service/', '/route', true, '/route', '/service'],
  ['/service/', '/route/', true, '/route/req', '/service/req'],
  ['/service', '/route', true, '/route%2E/req', '/service/req'],
  ['/service', '/route', false, '/route%2e%2E/req', '/service/route../req'],
  ['/anything', '~/users/\\d+/profile', true, '/users/123/profile', '/anything'],
  ['/', '~/users/(\\d+)/profile', true, '/users/123/profile/hello/world', '/hello/world'],
  ['/', '/endel%2Fst', true, '/endel%2Fst', '/'],
  ['/', '/hello', true, '/h%65llo/anything/a/../b', '/anything/b'],
  [
    '/',
    '/anything/world',
    false,
    '/anything/world/cat%20and%20dog',
    '/anything/world/cat%20and%20dog',
  ],
  ['/v1', '~/users/(?<id>[^#?/]+)$', false, '/users/42?x=1', '/v1/users/42?x=1'],
];

beforeAll(async () => {
  // Each row gets its own host so the rows never compete for the same request.
  suite = await startSuite((up) => ({
    services: rows.map(([servicePath, routePath, strip], i) => ({
      name: `uri-${i}`,
      url: serviceUrl(up, servicePath === '/' ? '/' : servicePath),
      routes: [
        { name: `uri-r-${i}`, hosts: [`row${i}.test`], paths: [routePath], strip_path: strip },
      ],
    })),
  }));
});

afterAll(() => stopSuite(suite));

describe('upstream path (path_handling v0)', () => {
  it.each(rows.map((row, i) => [i, ...row] as const))(
    'row %i: service %s, route %s, strip %s: %s goes upstream as %s',
    async (i, _service, _route, _strip, request, expected) => {
      const res = await send(suite.url, request, { headers: { Host: `row${i}.test` } });
      expect(res.status).toBe(200);
      expect(echoOf(res).url).toBe(expected);
    },
  );
});

describe('query string', () => {
  it('passes the query string through verbatim', async () => {
    const res = await send(suite.url, '/route?b=2&a=%20x&a=y', { headers: { Host: 'row0.test' } });
    expect(echoOf(res).url).toBe('/?b=2&a=%20x&a=y');
  });

  it('keeps an empty query string', async () => {
    const res = await send(suite.url, '/route?', { headers: { Host: 'row0.test' } });
    expect(echoOf(res).url).toBe('/?');
  });
});
