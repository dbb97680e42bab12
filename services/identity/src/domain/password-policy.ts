/**
 * The password rules of identity (services/identity/src/domain), the same as the contract's
 * `Password` schema: 12 to 128 characters, any characters, spaces included. Lengths count Unicode
 * code points, as JSON Schema's minLength/maxLength do.
 */
import { InvalidFieldError } from './invalid-field.error';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

function codePoints(text: string): number {
  return [...text].length;
}

/** Throws InvalidFieldError naming `field` when `password` may not be set as a new password. */
export function checkNewPassword(password: string, field = 'password'): void {
  const length = codePoints(password);
  if (length < PASSWORD_MIN_LENGTH)
    throw new InvalidFieldError(field, `must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (length > PASSWORD_MAX_LENGTH)
    throw new InvalidFieldError(field, `must be at most ${PASSWORD_MAX_LENGTH} characters`);
}

/**
 * The form a password is hashed in: Unicode NFC, so the same password typed on systems that
 * compose accents differently (é as one code point or as e + U+0301) is the same secret
 * (NIST SP 800-63B §5.1.1.2 asks verifiers to normalize).
 */
export function passwordForHashing(password: string): string {
  return password.normalize('NFC');
}
