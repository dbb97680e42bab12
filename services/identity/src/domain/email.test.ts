import { normalizeEmail, parseEmail } from './email';
import { parseDisplayName } from './display-name';

describe('email addresses', () => {
  it('are compared in lower case without surrounding spaces', () => {
    expect(normalizeEmail('  Ada@Example.ORG ')).toBe('ada@example.org');
  });

  it('must look like an address', () => {
    expect(() => parseEmail('ada.example.org')).toThrow('email must be an email address');
  });

  it('may be at most 254 characters', () => {
    expect(() => parseEmail(`${'a'.repeat(250)}@x.io`)).toThrow(
      'email must be at most 254 characters',
    );
  });
});

describe('display names', () => {
  it('are trimmed', () => {
    expect(parseDisplayName('  Ada Lovelace ')).toBe('Ada Lovelace');
  });

  it('may not be only spaces', () => {
    expect(() => parseDisplayName('   ')).toThrow('displayName must not be empty');
  });
});
