import { routePathFor } from './route-path';

describe('routePathFor', () => {
  it('turns a parameter into a one-segment named capture anchored at the end', () => {
    expect(routePathFor('/users/{id}')).toEqual({
      path: '~/users/(?<id>[^#?/]+)$',
      hasParameters: true,
    });
  });

  it('anchors a plain path and reports that it has no parameters', () => {
    expect(routePathFor('/')).toEqual({ path: '~/$', hasParameters: false });
  });

  it('escapes regex metacharacters that may appear in a path', () => {
    expect(routePathFor('/some/$test').path).toBe('~/some/\\$test$');
    expect(routePathFor("/b(M='{m}')").path).toBe("~/b\\(M='(?<m>[^#?/]+)'\\)$");
  });

  it('keeps a trailing slash and converts every parameter', () => {
    expect(routePathFor('/demo/{a}/else/{b}/').path).toBe(
      '~/demo/(?<a>[^#?/]+)/else/(?<b>[^#?/]+)/$',
    );
  });

  it('lets a parameter whose schema has minLength 0 match an empty segment', () => {
    expect(routePathFor('/x/{maybe}', (name) => name === 'maybe').path).toBe(
      '~/x/(?<maybe>[^#?/]*)$',
    );
  });

  it('refuses a capture name of 32 characters or more, as openapi2kong does', () => {
    expect(() => routePathFor(`/x/{${'a'.repeat(32)}}`)).toThrow(/exceeds 32 characters/);
  });
});
