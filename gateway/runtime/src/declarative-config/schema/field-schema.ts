/**
 * Validation for the Kong-shaped schema language (types in field-types.ts): checks a value against
 * a field with Kong's error texts and fills in defaults (Kong's `process_auto_fields` on insert).
 * Entity and plugin schemas are written in it; a value we cannot honour is refused through each
 * field's `unsupported` hook, never dropped.
 */
import {
  type ArrayField,
  ERR,
  type Field,
  isPlainObject,
  joinPath,
  type MapField,
  type NumberField,
  type RecordField,
  type StringField,
  type ValidationIssue,
} from './field-types';

export * from './field-types';
export * from './record-checks';

/**
 * Validates `value` against `field`, appending problems to `issues`, and returns the value with
 * defaults filled in (Kong's `process_auto_fields` on insert).
 */
export function validateField(
  field: Field,
  value: unknown,
  path: string,
  issues: ValidationIssue[],
): unknown {
  const before = issues.length;
  const result = validateByType(field, value, path, issues);
  if (issues.length === before && field.unsupported && result !== undefined && result !== null) {
    const reason = field.unsupported(result);
    if (reason) issues.push({ path, message: reason });
  }
  return result;
}

function validateByType(
  field: Field,
  value: unknown,
  path: string,
  issues: ValidationIssue[],
): unknown {
  switch (field.type) {
    case 'string':
      return validateString(field, value, path, issues);
    case 'number':
    case 'integer':
      return validateNumber(field, value, path, issues);
    case 'boolean':
      if (typeof value !== 'boolean') issues.push({ path, message: ERR.BOOLEAN });
      return value;
    case 'array':
    case 'set':
      return validateArray(field, value, path, issues);
    case 'map':
      return validateMap(field, value, path, issues);
    case 'record':
      return validateRecord(field, value, path, issues);
    case 'any':
      return value;
  }
}

function validateString(
  field: StringField,
  value: unknown,
  path: string,
  issues: ValidationIssue[],
): unknown {
  if (typeof value !== 'string') {
    issues.push({ path, message: ERR.STRING });
    return value;
  }
  const lenMin = field.lenMin ?? 1;
  if (value.length < lenMin) return fail(issues, path, `length must be at least ${lenMin}`, value);
  if (field.lenMax !== undefined && value.length > field.lenMax) {
    return fail(issues, path, `length must be at most ${field.lenMax}`, value);
  }
  if (field.oneOf && !field.oneOf.includes(value)) {
    return fail(issues, path, `expected one of: ${field.oneOf.join(', ')}`, value);
  }
  if (field.startsWith !== undefined && !value.startsWith(field.startsWith)) {
    return fail(issues, path, `should start with: ${field.startsWith}`, value);
  }
  for (const rule of field.match ?? []) {
    if (!rule.pattern.test(value)) return fail(issues, path, rule.err, value);
  }
  for (const rule of field.matchNone ?? []) {
    if (rule.pattern.test(value)) return fail(issues, path, rule.err, value);
  }
  const custom = field.custom?.(value);
  if (custom) issues.push({ path, message: custom });
  return value;
}

function validateNumber(
  field: NumberField,
  value: unknown,
  path: string,
  issues: ValidationIssue[],
): unknown {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    issues.push({ path, message: field.type === 'integer' ? ERR.INTEGER : ERR.NUMBER });
    return value;
  }
  if (field.type === 'integer' && !Number.isInteger(value))
    return fail(issues, path, ERR.INTEGER, value);
  if (field.between && (value < field.between[0] || value > field.between[1])) {
    return fail(
      issues,
      path,
      `value should be between ${field.between[0]} and ${field.between[1]}`,
      value,
    );
  }
  if (field.gt !== undefined && !(value > field.gt)) {
    return fail(issues, path, `value must be greater than ${field.gt}`, value);
  }
  if (field.oneOf && !field.oneOf.includes(value)) {
    return fail(issues, path, `expected one of: ${field.oneOf.join(', ')}`, value);
  }
  return value;
}

function validateArray(
  field: ArrayField,
  value: unknown,
  path: string,
  issues: ValidationIssue[],
): unknown {
  if (!Array.isArray(value)) {
    issues.push({ path, message: field.type === 'set' ? ERR.SET : ERR.ARRAY });
    return value;
  }
  if (field.lenMin !== undefined && value.length < field.lenMin) {
    return fail(issues, path, `length must be at least ${field.lenMin}`, value);
  }
  const out = value.map((item, i) => validateField(field.elements, item, `${path}[${i}]`, issues));
  if (field.type !== 'set') return out;
  const seen = new Set<string>();
  return out.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function validateMap(
  field: MapField,
  value: unknown,
  path: string,
  issues: ValidationIssue[],
): unknown {
  if (!isPlainObject(value)) {
    issues.push({ path, message: ERR.MAP });
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    validateField(field.keys, key, joinPath(path, key), issues);
    out[key] = validateField(field.values, item, joinPath(path, key), issues);
  }
  return out;
}

/**
 * Validates a record. `extraKeys` are keys the caller handles itself (nested entity collections);
 * they are neither reported as unknown nor copied.
 */
export function validateRecord(
  field: RecordField,
  value: unknown,
  path: string,
  issues: ValidationIssue[],
  extraKeys: ReadonlySet<string> = new Set(),
): Record<string, unknown> | unknown {
  if (!isPlainObject(value)) {
    issues.push({ path, message: ERR.RECORD });
    return value;
  }
  const input: Record<string, unknown> = { ...value };
  for (const [alias, apply] of Object.entries(field.shorthands ?? {})) {
    if (input[alias] !== undefined) {
      const aliasValue = input[alias];
      delete input[alias];
      apply(aliasValue, input);
    }
  }
  const before = issues.length;
  for (const key of Object.keys(input)) {
    if (!(key in field.fields) && !extraKeys.has(key))
      issues.push({ path: joinPath(path, key), message: ERR.UNKNOWN });
  }
  const out: Record<string, unknown> = {};
  for (const [key, sub] of Object.entries(field.fields)) {
    const raw = input[key];
    const fieldPath = joinPath(path, key);
    if (raw === undefined || raw === null) {
      if (sub.default !== undefined) out[key] = structuredClone(sub.default);
      else if (sub.required) issues.push({ path: fieldPath, message: ERR.REQUIRED });
      else if (raw === null) out[key] = null;
      continue;
    }
    out[key] = validateField(sub, raw, fieldPath, issues);
  }
  if (issues.length === before) {
    for (const check of field.checks ?? []) {
      const failure = check(out);
      if (failure) {
        issues.push({
          path: failure.field ? joinPath(path, failure.field) : path,
          message: failure.message,
        });
      }
    }
  }
  return out;
}

function fail(issues: ValidationIssue[], path: string, message: string, value: unknown): unknown {
  issues.push({ path, message });
  return value;
}
