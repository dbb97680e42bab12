import { escapeUpstreamPath, normalizePath } from './normalize-path';
import { upstreamPath } from './upstream-uri';

/**
 * The worked-example table of kong-gateway.md A2.4 (v0 rows of Kong's
 * spec/fixtures/router_path_handling_tests.lua plus router specs). `matched` is what the router
 * reports as matched path text: the prefix, or the regex's group 0; undefined for host-only routes.
 */
const table: [
  service: string,
  matched: string | undefined,
  strip: boolean,
  request: string,
  upstream: string,
][] = [
  ['/', '/route', true, '/route', '/'],
  ['/', '/route', true, '/route/', '/'],
  ['/', '/route', true, '/routereq', '/req'],
  ['/', '/route', false, '/route/', '/route/'],
  ['/srv', '/rou', false, '/roureq', '/srv/roureq'],
  ['/srv', '/rou', true, '/roureq', '/srv/req'],
  ['/srv/', '/rou', true, '/rou', '/srv'],
  ['/service', '/', true, '/', '/service'],
  ['/service', '/', false, '/', '/service'],
  ['/service', '/', true, '/route/req', '/service/route/req'],
  ['/service', '/', false, '/route/req', '/service/route/req'],
  ['/service', '/route', true, '/route', '/service'],
  ['/service', '/route', true, '/route/', '/service/'],
  ['/service', '/route', false, '/route', '/service/route'],
  ['/service/', '/route', true, '/route', '/service'],
  ['/service/', '/route/', true, '/route/req', '/service/req'],
  ['/service', undefined, true, '/route/', '/service/route/'],
  ['/service', undefined, false, '/route/', '/service/route/'],
  ['/service', '/route', true, '/route%2E/req', '/service/req'],
  ['/service', '/route', false, '/route%2e%2E/req', '/service/route../req'],
  ['/anything', '/users/123/profile', true, '/users/123/profile', '/anything'],
  ['/', '/users/123/profile', true, '/users/123/profile/hello/world', '/hello/world'],
  ['/', '/endel%2Fst', true, '/endel%2Fst', '/'],
  ['/', '/hello', true, '/h%65llo/anything/a/../b', '/anything/b'],
  [
    '/',
    '/anything/world',
    false,
    '/anything/world/cat%20and%20dog',
    '/anything/world/cat%20and%20dog',
  ],
  ['/', undefined, true, '/request/foo%2Fbar', '/request/foo%2Fbar'],
  ['/v1', '/users/42', false, '/users/42', '/v1/users/42'],
];

describe('upstreamPath (path_handling v0)', () => {
  it.each(table)(
    'service %s, matched %s, strip %s: %s goes upstream as %s',
    (service, matched, strip, request, upstream) => {
      expect(
        escapeUpstreamPath(upstreamPath(normalizePath(request), service, strip, matched)),
      ).toBe(upstream);
    },
  );
});
