// The direction-aware JSON Schema diff shared by the OpenAPI and AsyncAPI breaking-change checks
// (openapi-breaking.ts, asyncapi-breaking.ts). It walks two dereferenced schemas side by side
// (properties, items, additionalProperties, oneOf/anyOf variants; allOf is merged first) and
// reports each change that breaks whoever reads the data in the given direction.
import {
  type Change,
  type Direction,
  type JsonObject,
  asObject,
  isObject,
  joinPointer,
} from './contract-types';
import { type FlatSchema, flatten } from './schema-flatten';
import { checkBounds, checkEnum, checkExactKeywords, checkTypes } from './schema-keywords';

export function diffSchemas(
  base: unknown,
  next: unknown,
  direction: Direction,
  pointer: string,
): Change[] {
  return new SchemaDiff(direction).diff(base, next, pointer);
}

class SchemaDiff {
  /** Pairs being compared further up the stack: a cycle (recursive schema) counts as compatible. */
  private readonly active = new Map<object, Set<object>>();

  constructor(private readonly direction: Direction) {}

  diff(base: unknown, next: unknown, pointer: string): Change[] {
    if (!isObject(base) || !isObject(next))
      return this.compare(flatten(base), flatten(next), pointer);
    const seen = this.active.get(base) ?? new Set<object>();
    if (seen.has(next)) return [];
    seen.add(next);
    this.active.set(base, seen);
    try {
      return this.compare(flatten(base), flatten(next), pointer);
    } finally {
      seen.delete(next);
    }
  }

  private compare(a: FlatSchema, b: FlatSchema, pointer: string): Change[] {
    if (a.variants || b.variants) return this.compareVariants(a, b, pointer);
    const changes: Change[] = [];
    const emit = (message: string): void => void changes.push({ pointer, message });
    if (!checkTypes(a, b, this.direction, emit)) return changes;
    checkEnum(a, b, this.direction, emit);
    checkExactKeywords(a, b, this.direction, emit);
    checkBounds(a, b, this.direction, emit);
    changes.push(...this.compareProperties(a, b, pointer));
    changes.push(...this.compareAdditional(a, b, pointer));
    changes.push(...this.compareItems(a, b, pointer));
    return changes;
  }

  /** Each old request variant must still be accepted; each new response variant must be known. */
  private compareVariants(a: FlatSchema, b: FlatSchema, pointer: string): Change[] {
    const changes: Change[] = [];
    const emit = (message: string): void => void changes.push({ pointer, message });
    if (this.direction === 'request' && a.nullable && !b.nullable)
      emit('null is no longer accepted');
    if (this.direction === 'response' && !a.nullable && b.nullable) emit('became nullable');
    const before = a.variants ?? [{ ...a, nullable: false }];
    const after = b.variants ?? [{ ...b, nullable: false }];
    const keyword = b.variantKeyword ?? a.variantKeyword ?? 'oneOf';
    const [mustMatch, candidates] =
      this.direction === 'request' ? [before, after] : [after, before];
    mustMatch.forEach((variant, index) => {
      const pair = (other: FlatSchema): [FlatSchema, FlatSchema] =>
        this.direction === 'request' ? [variant, other] : [other, variant];
      if (candidates.some((other) => this.compare(...pair(other), pointer).length === 0)) return;
      const at = joinPointer(pointer, keyword, index);
      const counterpart = candidates[index];
      if (before.length === after.length && counterpart) {
        changes.push(...this.compare(...pair(counterpart), at));
      } else if (this.direction === 'request') {
        changes.push({ pointer: at, message: `${keyword} variant ${index} is no longer accepted` });
      } else {
        changes.push({ pointer: at, message: `new ${keyword} variant ${index} may be returned` });
      }
    });
    return changes;
  }

  private compareProperties(a: FlatSchema, b: FlatSchema, pointer: string): Change[] {
    const changes: Change[] = [];
    const before = asObject(a.node.properties);
    const after = asObject(b.node.properties);
    const requiredBefore = new Set(Array.isArray(a.node.required) ? a.node.required : []);
    const requiredAfter = new Set(Array.isArray(b.node.required) ? b.node.required : []);
    const names = new Set([...Object.keys(before), ...Object.keys(after), ...requiredAfter]);
    const hidden = this.direction === 'request' ? 'readOnly' : 'writeOnly';
    for (const name of names) {
      const at = joinPointer(pointer, 'properties', name);
      const old = before[name];
      const now = after[name];
      // A readOnly property never travels in a request, a writeOnly one never in a response.
      if (asObject(old)[hidden] === true || asObject(now)[hidden] === true) continue;
      const wasThere = name in before || requiredBefore.has(name);
      const isThere = name in after || requiredAfter.has(name);
      if (wasThere && !isThere) {
        changes.push({ pointer: at, message: `property '${name}' removed` });
        continue;
      }
      if (!wasThere) {
        if (this.direction === 'request' && requiredAfter.has(name)) {
          changes.push({ pointer: at, message: `new required property '${name}'` });
        }
        continue;
      }
      if (this.direction === 'request' && !requiredBefore.has(name) && requiredAfter.has(name)) {
        changes.push({ pointer: at, message: `property '${name}' became required` });
      }
      if (this.direction === 'response' && requiredBefore.has(name) && !requiredAfter.has(name)) {
        changes.push({ pointer: at, message: `property '${name}' became optional` });
      }
      changes.push(...this.diff(old ?? {}, now ?? {}, at));
    }
    return changes;
  }

  /** Responses may gain properties (additive); requests must keep accepting what they accepted. */
  private compareAdditional(a: FlatSchema, b: FlatSchema, pointer: string): Change[] {
    const before = a.node.additionalProperties;
    const after = b.node.additionalProperties;
    if (before === undefined && after === undefined) return [];
    const at = joinPointer(pointer, 'additionalProperties');
    if (this.direction === 'request') {
      if (before === false) return [];
      if (after === false)
        return [{ pointer: at, message: 'additional properties are no longer accepted' }];
    } else if (before === false || after === false) {
      return [];
    }
    return this.diff(before ?? {}, after ?? {}, at);
  }

  private compareItems(a: FlatSchema, b: FlatSchema, pointer: string): Change[] {
    const changes: Change[] = [];
    if (a.node.items !== undefined || b.node.items !== undefined) {
      changes.push(
        ...this.diff(a.node.items ?? {}, b.node.items ?? {}, joinPointer(pointer, 'items')),
      );
    }
    const before = Array.isArray(a.node.prefixItems) ? (a.node.prefixItems as JsonObject[]) : [];
    const after = Array.isArray(b.node.prefixItems) ? (b.node.prefixItems as JsonObject[]) : [];
    for (let index = 0; index < Math.max(before.length, after.length); index++) {
      const at = joinPointer(pointer, 'prefixItems', index);
      changes.push(...this.diff(before[index] ?? {}, after[index] ?? {}, at));
    }
    return changes;
  }
}
