import { sanitizeCaptureName, slugify } from './slug';

describe('slugify', () => {
  it('lower-cases and joins words with dashes like openapi2kong document names', () => {
    expect(slugify('Simple API overview')).toBe('simple-api-overview');
  });

  it('turns an OpenAPI path into a path base name without leading or doubled dashes', () => {
    expect(slugify('/api/v1/users/{userId}/roles')).toBe('api-v1-users-userid-roles');
  });

  it('replaces underscores, which go-slugify does not allow in entity names', () => {
    expect(slugify('get_user_Tracks')).toBe('get-user-tracks');
  });

  it('gives the empty string for the root path', () => {
    expect(slugify('/')).toBe('');
  });

  it('refuses names it could only approximate (non-ASCII needs unidecode)', () => {
    expect(() => slugify('kožušček')).toThrow(/non-ASCII names are not supported/);
  });
});

describe('sanitizeCaptureName', () => {
  it('lower-cases camelCase parameter names', () => {
    expect(sanitizeCaptureName('userId')).toBe('userid');
  });

  it('turns runs of other characters into one underscore and trims them', () => {
    expect(sanitizeCaptureName('-To_Do')).toBe('to_do');
    expect(sanitizeCaptureName(' white space ')).toBe('white_space');
    expect(sanitizeCaptureName('x*()_-+=x')).toBe('x_x');
  });
});
