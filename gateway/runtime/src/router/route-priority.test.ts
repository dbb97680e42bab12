import { groupPaths, routePriority } from './route-priority';

const base = { regex_priority: 0 };

describe('routePriority', () => {
  it('ranks a route with more match fields above any route with fewer', () => {
    const methodsAndRegex = routePriority({ ...base, methods: ['GET'], paths: ['~/users/[^/]+$'] });
    const longPrefix = routePriority({ ...base, paths: ['/users/me/and/a/very/long/prefix'] });
    expect(methodsAndRegex > longPrefix).toBe(true);
  });

  it('ranks a regex path above a prefix path with the same fields', () => {
    expect(
      routePriority({ ...base, paths: ['~/users/[^/]+$'] }) >
        routePriority({ ...base, paths: ['/users/me'] }),
    ).toBe(true);
  });

  it('orders regex routes by regex_priority', () => {
    const plain = routePriority({ regex_priority: 200, methods: ['GET'], paths: ['~/users/me$'] });
    const param = routePriority({
      regex_priority: 100,
      methods: ['GET'],
      paths: ['~/users/(?<id>[^#?/]+)$'],
    });
    expect(plain > param).toBe(true);
  });

  it('ignores regex_priority on prefix routes', () => {
    expect(routePriority({ regex_priority: 50, paths: ['/a'] })).toBe(
      routePriority({ regex_priority: 0, paths: ['/a'] }),
    );
  });

  it('ranks longer prefixes higher', () => {
    expect(
      routePriority({ ...base, paths: ['/foo/bar'] }) > routePriority({ ...base, paths: ['/foo'] }),
    ).toBe(true);
  });

  it('ranks plain hosts above wildcard hosts', () => {
    expect(
      routePriority({ ...base, hosts: ['a.test'] }) > routePriority({ ...base, hosts: ['*.test'] }),
    ).toBe(true);
  });

  it('gives a hosts-only route the plain-host bit over a methods-only route', () => {
    expect(
      routePriority({ ...base, hosts: ['a.test'] }) >
        routePriority({ ...base, methods: ['TRACE'] }),
    ).toBe(true);
  });

  it('ranks more header names higher among routes with the same field count', () => {
    const two = routePriority({ ...base, headers: { a: ['1'], b: ['2'] } });
    const one = routePriority({ ...base, headers: { a: ['1'] } });
    expect(two > one).toBe(true);
  });

  it('lets a negative regex_priority overflow into the high bits as Kong’s uint64 shift does', () => {
    const negative = routePriority({ regex_priority: -1, paths: ['~/a'] });
    expect(negative >> 61n).toBe(7n);
  });
});

describe('groupPaths', () => {
  it('groups all regexes together and prefixes by byte length, in first-seen order', () => {
    expect(groupPaths(['~/regex.*$', '/long-path', '/one', '/two', '/three', '~/.*'])).toEqual([
      ['~/regex.*$', '~/.*'],
      ['/long-path'],
      ['/one', '/two'],
      ['/three'],
    ]);
  });
});
