import { InvalidFieldError } from './invalid-field.error';
import {
  checkNewPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordForHashing,
} from './password-policy';

function violation(password: string): InvalidFieldError | undefined {
  try {
    checkNewPassword(password);
    return undefined;
  } catch (err) {
    return err as InvalidFieldError;
  }
}

describe('the password policy', () => {
  it('accepts a password of exactly the minimum length', () => {
    expect(violation('a'.repeat(PASSWORD_MIN_LENGTH))).toBeUndefined();
  });

  it('refuses a password one character short, naming the password field', () => {
    const err = violation('a'.repeat(PASSWORD_MIN_LENGTH - 1));
    expect(err).toBeInstanceOf(InvalidFieldError);
    expect(err?.field).toBe('password');
    expect(err?.reason).toBe('must be at least 12 characters');
  });

  it('accepts a password of exactly the maximum length', () => {
    expect(violation('a'.repeat(PASSWORD_MAX_LENGTH))).toBeUndefined();
  });

  it('refuses a password one character too long', () => {
    expect(violation('a'.repeat(PASSWORD_MAX_LENGTH + 1))?.reason).toBe(
      'must be at most 128 characters',
    );
  });

  it('counts characters outside the basic plane once each, as JSON Schema does', () => {
    // 12 emoji are 24 UTF-16 code units but 12 characters.
    expect(violation('🔑'.repeat(12))).toBeUndefined();
    expect(violation('🔑'.repeat(11))?.reason).toBe('must be at least 12 characters');
  });

  it('accepts spaces anywhere, including a password made only of them', () => {
    expect(violation(' '.repeat(12))).toBeUndefined();
  });

  it('names the field it is told to name', () => {
    expect(() => checkNewPassword('short', 'IDENTITY_BOOTSTRAP_ADMIN_PASSWORD')).toThrow(
      'IDENTITY_BOOTSTRAP_ADMIN_PASSWORD must be at least 12 characters',
    );
  });

  it('hashes composed and decomposed accents as the same password', () => {
    expect(passwordForHashing('caf\u00e9-password-1')).toBe(
      passwordForHashing('cafe\u0301-password-1'),
    );
  });
});
