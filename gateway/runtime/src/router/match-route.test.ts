import type { Route, Service } from '../declarative-config/model';
import { compileRoutes } from './compile-routes';
import { type MatchRequest, Router } from './match-route';

const service: Service = {
  id: 'svc',
  protocol: 'http',
  host: 'up.test',
  port: 80,
  retries: 5,
  connect_timeout: 60000,
  write_timeout: 60000,
  read_timeout: 60000,
  enabled: true,
};

function route(id: string, fields: Partial<Route>): Route {
  return {
    id,
    protocols: ['http', 'https'],
    https_redirect_status_code: 426,
    strip_path: true,
    preserve_host: false,
    request_buffering: true,
    response_buffering: true,
    regex_priority: 0,
    path_handling: 'v0',
    serviceId: 'svc',
    ...fields,
  };
}

function router(...routes: Route[]): Router {
  return new Router(compileRoutes(routes, new Map([[service.id, service]])));
}

function req(
  method: string,
  path: string,
  extra: Partial<MatchRequest> = {},
  headers: Record<string, string[]> = {},
): MatchRequest {
  return {
    method,
    path,
    host: 'gw.test',
    listenPort: 8000,
    headerValues: (n) => headers[n] ?? [],
    ...extra,
  };
}

const ID_A = '00000000-0000-4000-8000-00000000000a';
const ID_B = '00000000-0000-4000-8000-00000000000b';

describe('Router (traditional_compatible)', () => {
  it('treats prefix paths as plain string prefixes, not segments', () => {
    const r = router(route(ID_A, { paths: ['/foo'] }));
    expect(r.match(req('GET', '/foobar'))?.matchedPath).toBe('/foo');
  });

  it('is case-sensitive on paths', () => {
    expect(router(route(ID_A, { paths: ['/foo'] })).match(req('GET', '/FOO'))).toBeUndefined();
  });

  it('anchors regex paths at the start only', () => {
    const r = router(route(ID_A, { paths: ['~/users$'] }));
    expect(r.match(req('GET', '/users'))).toBeDefined();
    expect(r.match(req('GET', '/users/'))).toBeUndefined();
  });

  it('reports the regex group 0 text as the matched path', () => {
    const r = router(route(ID_A, { paths: ['~/users/\\d+'] }));
    expect(r.match(req('GET', '/users/123/profile'))?.matchedPath).toBe('/users/123');
  });

  it('does not match HEAD against a GET-only route', () => {
    expect(
      router(route(ID_A, { methods: ['GET'], paths: ['/a'] })).match(req('HEAD', '/a')),
    ).toBeUndefined();
  });

  it('prefers a methods+regex route over a longer prefix-only route', () => {
    const r = router(
      route(ID_A, { paths: ['/users/me'] }),
      route(ID_B, { methods: ['GET'], paths: ['~/users/[^/]+$'] }),
    );
    expect(r.match(req('GET', '/users/me'))?.route.id).toBe(ID_B);
  });

  it('prefers a regex route over a matching prefix route', () => {
    const r = router(
      route(ID_A, { paths: ['/users/me'] }),
      route(ID_B, { paths: ['~/users/[^/]+$'] }),
    );
    expect(r.match(req('GET', '/users/me'))?.route.id).toBe(ID_B);
  });

  it('picks the plain openapi2kong route over the parameterised one by regex_priority', () => {
    const r = router(
      route(ID_A, { methods: ['GET'], paths: ['~/users/(?<id>[^#?/]+)$'], regex_priority: 100 }),
      route(ID_B, { methods: ['GET'], paths: ['~/users/me$'], regex_priority: 200 }),
    );
    expect(r.match(req('GET', '/users/me'))?.route.id).toBe(ID_B);
    expect(r.match(req('GET', '/users/42'))?.route.id).toBe(ID_A);
  });

  it('gives a plain-host route precedence over a methods-only route', () => {
    const r = router(route(ID_A, { hosts: ['a.test'] }), route(ID_B, { methods: ['TRACE'] }));
    expect(r.match(req('TRACE', '/', { host: 'a.test' }))?.route.id).toBe(ID_A);
  });

  it('breaks exact ties by the larger route id', () => {
    const r = router(route(ID_A, { paths: ['/same'] }), route(ID_B, { paths: ['/same'] }));
    expect(r.match(req('GET', '/same'))?.route.id).toBe(ID_B);
  });

  it('splits paths of different lengths into groups with their own priority', () => {
    const r = router(
      route(ID_A, { paths: ['/foo', '/foo/bar/baz'] }),
      route(ID_B, { paths: ['/foo/bar'] }),
    );
    expect(r.match(req('GET', '/foo/bar'))?.route.id).toBe(ID_B);
    expect(r.match(req('GET', '/foo/bar/baz/x'))?.route.id).toBe(ID_A);
  });

  it('matches wildcard hosts by suffix and prefix', () => {
    const r = router(
      route(ID_A, { hosts: ['*.example.com'] }),
      route(ID_B, { hosts: ['example.*'] }),
    );
    expect(r.match(req('GET', '/', { host: 'api.example.com' }))?.route.id).toBe(ID_A);
    expect(r.match(req('GET', '/', { host: 'example.org' }))?.route.id).toBe(ID_B);
  });

  it('ignores the Host port for a route host without port', () => {
    expect(
      router(route(ID_A, { hosts: ['a.test'] })).match(req('GET', '/', { host: 'a.test:9999' })),
    ).toBeDefined();
  });

  it('requires the port of a route host with port, falling back to the listening port', () => {
    const r = router(route(ID_A, { hosts: ['a.test:8000'] }));
    expect(r.match(req('GET', '/', { host: 'a.test:8000' }))).toBeDefined();
    expect(r.match(req('GET', '/', { host: 'a.test' }))).toBeDefined();
    expect(r.match(req('GET', '/', { host: 'a.test:8001' }))).toBeUndefined();
  });

  it('does not match a host route when the request has no Host header', () => {
    expect(
      router(route(ID_A, { hosts: ['a.test'] })).match(req('GET', '/', { host: undefined })),
    ).toBeUndefined();
  });

  it('matches headers case-insensitively, any occurrence, and by ~* regex', () => {
    const r = router(route(ID_A, { headers: { 'X-Version': ['V1', '~*^beta-\\d$'] } }));
    expect(r.match(req('GET', '/', {}, { 'x-version': ['other', 'v1'] }))).toBeDefined();
    expect(r.match(req('GET', '/', {}, { 'x-version': ['BETA-7'] }))).toBeDefined();
    expect(r.match(req('GET', '/', {}, { 'x-version': ['v2'] }))).toBeUndefined();
  });

  it('requires every configured header name', () => {
    const r = router(route(ID_A, { headers: { a: ['1'], b: ['2'] } }));
    expect(r.match(req('GET', '/', {}, { a: ['1'] }))).toBeUndefined();
    expect(r.match(req('GET', '/', {}, { a: ['1'], b: ['2'] }))).toBeDefined();
  });

  it('leaves out routes of disabled services', () => {
    const disabled = new Router(
      compileRoutes(
        [route(ID_A, { paths: ['/a'] })],
        new Map([[service.id, { ...service, enabled: false }]]),
      ),
    );
    expect(disabled.match(req('GET', '/a'))).toBeUndefined();
  });

  it('returns a route without service so the proxy can answer 503', () => {
    const match = router(route(ID_A, { paths: ['/a'], serviceId: undefined })).match(
      req('GET', '/a'),
    );
    expect(match?.route.id).toBe(ID_A);
    expect(match?.service).toBeUndefined();
  });

  it('answers repeated lookups from its cache with the same result', () => {
    const r = router(route(ID_A, { paths: ['/a'] }));
    expect(r.match(req('GET', '/a/1'))).toEqual(r.match(req('GET', '/a/1')));
    expect(r.match(req('GET', '/b'))).toBeUndefined();
    expect(r.match(req('GET', '/b'))).toBeUndefined();
  });
});
