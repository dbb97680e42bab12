import { compileRouteRegex, RouteRegexError } from './route-regex';

describe('compileRouteRegex', () => {
  it('anchors route paths at the start only', () => {
    const re = compileRouteRegex('/users/\\d+', true);
    expect(re.test('/users/12/extra')).toBe(true);
    expect(re.test('/x/users/12')).toBe(false);
  });

  it('accepts the named-capture syntax openapi2kong emits', () => {
    const re = compileRouteRegex('/users/(?<id>[^#?/]+)$', true);
    expect(re.exec('/users/42')?.groups?.id).toBe('42');
  });

  it('accepts the Rust/PCRE (?P<name>) spelling', () => {
    expect(compileRouteRegex('/a/(?P<x>\\d+)', true).exec('/a/7')?.groups?.x).toBe('7');
  });

  it('turns a leading (?i) into a case-insensitive match', () => {
    expect(compileRouteRegex('(?i)/abc', true).test('/ABC')).toBe(true);
  });

  it.each([
    ['/(?=a)x', 'look-around'],
    ['/(?!a)x', 'look-around'],
    ['/(?<=a)x', 'look-around'],
    ['/(?<!a)x', 'look-around'],
    ['/(a)\\1', 'backreferences'],
    ['/(?<n>a)\\k<n>', 'backreferences'],
    ['/(?>a)', 'atomic'],
    ['/a++', 'possessive'],
  ])('rejects %s, which the Rust regex crate cannot compile (%s)', (source, what) => {
    expect(() => compileRouteRegex(source, true)).toThrow(new RegExp(what));
  });

  it('rejects syntax errors with the regex in the message', () => {
    expect(() => compileRouteRegex('/a(b', true)).toThrow(RouteRegexError);
    expect(() => compileRouteRegex('/a(b', true)).toThrow("invalid regex: '/a(b'");
  });

  it('rejects unknown escapes instead of reading them as literals', () => {
    expect(() => compileRouteRegex('/\\q', true)).toThrow(RouteRegexError);
  });
});
