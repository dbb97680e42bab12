/**
 * Email addresses as identity keys accounts by them (services/identity/src/domain): compared
 * case-insensitively, so stored trimmed and lower-cased (contract schema `Email`).
 */
import { InvalidFieldError } from './invalid-field.error';

/** The contract's `Email.maxLength` (RFC 5321's path limit). */
export const EMAIL_MAX_LENGTH = 254;

// Deliberately loose: one @, something on each side, a dot in the domain, no spaces. The contract's
// `format: email` is checked on HTTP input; this guards the CLI and bootstrap paths the same way.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The canonical form of an address: trimmed and lower-cased. */
export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/** Normalizes `raw` and checks its shape; throws InvalidFieldError naming `field`. */
export function parseEmail(raw: string, field = 'email'): string {
  const email = normalizeEmail(raw);
  if (email.length > EMAIL_MAX_LENGTH)
    throw new InvalidFieldError(field, `must be at most ${EMAIL_MAX_LENGTH} characters`);
  if (!EMAIL_SHAPE.test(email)) throw new InvalidFieldError(field, 'must be an email address');
  return email;
}
