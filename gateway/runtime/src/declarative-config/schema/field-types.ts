/**
 * The types of our Kong-shaped schema language (kong/db/schema/init.lua): typed fields with
 * defaults, `one_of`, `between`, `gt`, length rules, record checks and the `unsupported` hook that
 * refuses values this gateway does not implement. Validation lives in field-schema.ts.
 */

export interface ValidationIssue {
  /** Dotted location inside the config, e.g. `services[catalog].routes[get].plugins[jwt].config.realm`. */
  path: string;
  message: string;
}

interface BaseField {
  required?: boolean;
  default?: unknown;
  description?: string;
  /** Returns a reason when the (valid) value is one this gateway does not implement. */
  unsupported?: (value: unknown) => string | undefined;
}

export interface StringField extends BaseField {
  type: 'string';
  /** Kong rejects empty strings unless a field says `len_min = 0`. */
  lenMin?: number;
  lenMax?: number;
  oneOf?: readonly string[];
  startsWith?: string;
  match?: { pattern: RegExp; err: string }[];
  matchNone?: { pattern: RegExp; err: string }[];
  /** Kong's `custom_validator`: returns an error text or undefined. */
  custom?: (value: string) => string | undefined;
}

export interface NumberField extends BaseField {
  type: 'number' | 'integer';
  between?: readonly [number, number];
  gt?: number;
  oneOf?: readonly number[];
}

export interface BooleanField extends BaseField {
  type: 'boolean';
}

export interface ArrayField extends BaseField {
  /** `set` removes duplicates, as Kong stores sets. */
  type: 'array' | 'set';
  elements: Field;
  lenMin?: number;
}

export interface MapField extends BaseField {
  type: 'map';
  keys: StringField;
  values: Field;
}

export interface RecordField extends BaseField {
  type: 'record';
  fields: Readonly<Record<string, Field>>;
  /** Cross-field rules (Kong `entity_checks`); run only when every field is valid. */
  checks?: readonly RecordCheck[];
  /** Kong `shorthand_fields`: deprecated aliases rewritten into real fields before validation. */
  shorthands?: Readonly<Record<string, (value: unknown, record: Record<string, unknown>) => void>>;
}

export interface AnyField extends BaseField {
  type: 'any';
}

export type Field =
  StringField | NumberField | BooleanField | ArrayField | MapField | RecordField | AnyField;

/** A failed cross-field rule: `field` (relative to the record) locates it, else the record itself. */
export interface CheckFailure {
  field?: string;
  message: string;
}
export type RecordCheck = (record: Record<string, unknown>) => CheckFailure | undefined;

export const ERR = {
  STRING: 'expected a string',
  NUMBER: 'expected a number',
  INTEGER: 'expected an integer',
  BOOLEAN: 'expected a boolean',
  ARRAY: 'expected an array',
  SET: 'expected a set',
  MAP: 'expected a map',
  RECORD: 'expected a record',
  REQUIRED: 'required field missing',
  UNKNOWN: 'unknown field',
} as const;

export function joinPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
