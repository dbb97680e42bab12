// Direction-aware checks of a schema's scalar keywords (type, null, enum, const, format, pattern,
// numeric/length bounds) for the breaking-change diff in schema-diff.ts. A request schema may only
// widen (the server must still accept what old clients send); a response schema may only narrow
// (old clients must still understand everything the server returns). So integer → number widens:
// fine in a request, breaking in a response; number → integer is the reverse.
import { type Direction } from './contract-types';
import { type FlatSchema } from './schema-flatten';

type Emit = (message: string) => void;

const show = (value: unknown): string => JSON.stringify(value);
const typeText = (types: string[] | undefined): string =>
  types === undefined ? 'any' : types.length === 0 ? 'null' : types.join('|');

/** Every value of `inner` also validates against `outer` (undefined = any type). */
function typesWithin(inner: string[] | undefined, outer: string[] | undefined): boolean {
  if (outer === undefined) return true;
  if (inner === undefined) return false;
  return inner.every((t) => outer.includes(t) || (t === 'integer' && outer.includes('number')));
}

/** Returns false when the types are incompatible, so the caller skips the (noisy) deeper checks. */
export function checkTypes(
  a: FlatSchema,
  b: FlatSchema,
  direction: Direction,
  emit: Emit,
): boolean {
  if (direction === 'request' && a.nullable && !b.nullable) emit('null is no longer accepted');
  if (direction === 'response' && !a.nullable && b.nullable) emit('became nullable');
  const ok =
    direction === 'request' ? typesWithin(a.types, b.types) : typesWithin(b.types, a.types);
  if (!ok) emit(`type changed from ${typeText(a.types)} to ${typeText(b.types)}`);
  return ok;
}

export function checkEnum(a: FlatSchema, b: FlatSchema, direction: Direction, emit: Emit): void {
  const before = Array.isArray(a.node.enum) ? a.node.enum.map(show) : undefined;
  const after = Array.isArray(b.node.enum) ? b.node.enum.map(show) : undefined;
  if (before && after) {
    for (const value of before) if (!after.includes(value)) emit(`enum value ${value} removed`);
    if (direction === 'response') {
      for (const value of after) {
        if (!before.includes(value)) emit(`enum value ${value} added: clients may not know it`);
      }
    }
  } else if (after && direction === 'request') {
    emit(`values now restricted to enum [${after.join(', ')}]`);
  } else if (before && direction === 'response') {
    emit(`enum [${before.join(', ')}] removed: any value may now be returned`);
  }
}

/** const, format and pattern: any change breaks; adding one narrows, removing one widens. */
export function checkExactKeywords(
  a: FlatSchema,
  b: FlatSchema,
  direction: Direction,
  emit: Emit,
): void {
  for (const keyword of ['const', 'format', 'pattern'] as const) {
    const before = a.node[keyword];
    const after = b.node[keyword];
    if (before === undefined && after === undefined) continue;
    if (before !== undefined && after !== undefined) {
      if (show(before) !== show(after))
        emit(`${keyword} changed from ${show(before)} to ${show(after)}`);
    } else if (after !== undefined && direction === 'request') {
      emit(`${keyword} ${show(after)} added`);
    } else if (before !== undefined && direction === 'response') {
      emit(`${keyword} ${show(before)} removed`);
    }
  }
}

const UPPER = ['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems', 'maxProperties'] as const;
const LOWER = ['minLength', 'minimum', 'exclusiveMinimum', 'minItems', 'minProperties'] as const;

function bound(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** Requests: a bound that appears or tightens breaks. Responses: one that loosens or goes breaks. */
export function checkBounds(a: FlatSchema, b: FlatSchema, direction: Direction, emit: Emit): void {
  const check = (keyword: string, upper: boolean): void => {
    const before = bound(a.node[keyword]);
    const after = bound(b.node[keyword]);
    if (before === after) return;
    const tighter = (x: number, y: number): boolean => (upper ? y < x : y > x);
    if (direction === 'request') {
      if (before === undefined && after !== undefined) emit(`${keyword} ${after} added`);
      else if (before !== undefined && after !== undefined && tighter(before, after)) {
        emit(`${keyword} ${upper ? 'lowered' : 'raised'} from ${before} to ${after}`);
      }
    } else if (before !== undefined && after === undefined) {
      emit(`${keyword} ${before} removed`);
    } else if (before !== undefined && after !== undefined && tighter(after, before)) {
      emit(`${keyword} ${upper ? 'raised' : 'lowered'} from ${before} to ${after}`);
    }
  };
  for (const keyword of UPPER) check(keyword, true);
  for (const keyword of LOWER) check(keyword, false);
  const beforeStep = bound(a.node.multipleOf);
  const afterStep = bound(b.node.multipleOf);
  if (beforeStep !== afterStep) {
    const [from, to] = direction === 'request' ? [beforeStep, afterStep] : [afterStep, beforeStep];
    // Breaks when values valid for `from` may be invalid for `to`.
    if (to !== undefined && (from === undefined || from % to !== 0)) {
      emit(`multipleOf changed from ${beforeStep ?? 'none'} to ${afterStep ?? 'none'}`);
    }
  }
  const beforeUnique = a.node.uniqueItems === true;
  const afterUnique = b.node.uniqueItems === true;
  if (direction === 'request' && !beforeUnique && afterUnique) emit('uniqueItems added');
  if (direction === 'response' && beforeUnique && !afterUnique) emit('uniqueItems removed');
}
