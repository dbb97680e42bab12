/**
 * Kong's multi-field entity checks (`at_least_one_of`, `only_one_of`) as record checks for the
 * schema language, with Kong's messages.
 */
import type { RecordCheck } from './field-types';

/** Kong `at_least_one_of` entity check. */
export function atLeastOneOf(
  fields: readonly string[],
  label: (f: string) => string = (f) => f,
): RecordCheck {
  return (record) =>
    fields.some((f) => isPresent(record[f]))
      ? undefined
      : {
          message: `at least one of these fields must be non-empty: ${fields.map((f) => `'${label(f)}'`).join(', ')}`,
        };
}

/** Kong `only_one_of` entity check. */
export function onlyOneOf(
  fields: readonly string[],
  label: (f: string) => string = (f) => f,
): RecordCheck {
  return (record) =>
    fields.filter((f) => isPresent(record[f])).length > 1
      ? {
          message: `exactly one of these fields must be non-empty: ${fields.map((f) => `'${label(f)}'`).join(', ')}`,
        }
      : undefined;
}

export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}
