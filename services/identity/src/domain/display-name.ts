/** Display names as identity accepts them (services/identity/src/domain; contract `DisplayName`). */
import { InvalidFieldError } from './invalid-field.error';

export const DISPLAY_NAME_MAX_LENGTH = 100;

/** Trims `raw` and checks it is 1 to 100 characters; throws InvalidFieldError naming `field`. */
export function parseDisplayName(raw: string, field = 'displayName'): string {
  const name = raw.trim();
  if (name.length === 0) throw new InvalidFieldError(field, 'must not be empty');
  if ([...name].length > DISPLAY_NAME_MAX_LENGTH)
    throw new InvalidFieldError(field, `must be at most ${DISPLAY_NAME_MAX_LENGTH} characters`);
  return name;
}
