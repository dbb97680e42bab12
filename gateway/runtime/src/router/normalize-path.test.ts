import { escapeUpstreamPath, InvalidPathEncodingError, normalizePath } from './normalize-path';

describe('normalizePath (kong/tools/uri.lua normalize)', () => {
  it.each([
    ['/', '/'],
    ['/foo', '/foo'],
    ['/h%65llo', '/hello'],
    ['/endel%2fst', '/endel%2Fst'],
    ['/a%3ab', '/a%3Ab'],
    ['/a/./b', '/a/b'],
    ['/a/b/../c', '/a/c'],
    ['/..', '/'],
    ['/../a', '/a'],
    ['/a//b', '/a/b'],
    ['//a///b//', '/a/b/'],
    ['/route%2E/req', '/route./req'],
    ['/route%2e%2E/req', '/route../req'],
    ['/a/%2e%2e/b', '/b'],
    ['/h%65llo/anything/a/../b', '/hello/anything/b'],
    ['/cat%20and%20dog', '/cat and dog'],
    ['/caf%C3%A9', '/café'],
  ])('normalizes %s to %s', (input, expected) => {
    expect(normalizePath(input)).toBe(expected);
  });

  it('keeps repeated slashes when merging is off', () => {
    expect(normalizePath('/a//b/./c', false)).toBe('/a//b/c');
  });

  it('rejects escapes that decode to invalid UTF-8', () => {
    expect(() => normalizePath('/a%80b')).toThrow(InvalidPathEncodingError);
  });
});

describe('escapeUpstreamPath (kong/tools/uri.lua escape)', () => {
  it('leaves reserved and unreserved characters alone', () => {
    expect(escapeUpstreamPath("/a-b_c.d~e!$&'()*+,;=:@[]%2F?#")).toBe(
      "/a-b_c.d~e!$&'()*+,;=:@[]%2F?#",
    );
  });

  it('percent-encodes spaces with upper-case hex', () => {
    expect(escapeUpstreamPath('/cat and dog')).toBe('/cat%20and%20dog');
  });

  it('percent-encodes non-ASCII characters as UTF-8 bytes', () => {
    expect(escapeUpstreamPath('/café')).toBe('/caf%C3%A9');
  });
});
