// Flattens a dereferenced JSON Schema node into the shape the breaking-change diff (schema-diff.ts)
// compares: allOf merged into one node, `null` split out as a flag (type arrays, OpenAPI 3.0
// `nullable`, `oneOf: [X, {type: 'null'}]`), and the remaining oneOf/anyOf branches as variants.
import { type JsonObject, isObject } from './contract-types';

export type FlatSchema = {
  /** The keywords of the merged node, without allOf/oneOf/anyOf and without null in type/enum. */
  node: JsonObject;
  /** Types other than null; undefined = any type; [] = only null. */
  types: string[] | undefined;
  nullable: boolean;
  /** Present when more than one non-null oneOf/anyOf branch remains; each has the parent merged in. */
  variants: FlatSchema[] | undefined;
  variantKeyword: 'oneOf' | 'anyOf' | undefined;
};

const COMBINERS = new Set(['allOf', 'oneOf', 'anyOf']);

function toSchemaObject(schema: unknown): JsonObject {
  if (schema === false) return { enum: [] }; // accepts nothing
  return isObject(schema) ? schema : {};
}

function typeList(node: JsonObject): string[] | undefined {
  const type = node.type;
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  return undefined;
}

/** Merges `extra` into `target` (a fresh object) with allOf semantics; target's own keywords win. */
function mergeInto(target: JsonObject, extra: JsonObject): void {
  for (const [key, value] of Object.entries(extra)) {
    const current = target[key];
    if (key === 'properties' && isObject(current) && isObject(value)) {
      const merged: JsonObject = { ...current };
      for (const [name, schema] of Object.entries(value)) {
        merged[name] = name in merged ? { allOf: [merged[name], schema] } : schema;
      }
      target.properties = merged;
    } else if (key === 'required' && Array.isArray(current) && Array.isArray(value)) {
      target.required = [...new Set([...current, ...value])];
    } else if (key === 'type' && current !== undefined) {
      const mine = typeList(target) ?? [];
      const theirs = typeList(extra) ?? [];
      const both = mine.filter(
        (t) => theirs.includes(t) || (t === 'integer' && theirs.includes('number')),
      );
      target.type = both;
    } else if (current === undefined) {
      target[key] = value;
    }
  }
}

/** Resolves allOf (recursively) into a single fresh node; never mutates the dereferenced input. */
export function mergeAllOf(schema: unknown): JsonObject {
  const source = toSchemaObject(schema);
  if (!Array.isArray(source.allOf)) return source;
  const { allOf, ...rest } = source;
  const merged: JsonObject = { ...rest };
  for (const part of allOf as unknown[]) mergeInto(merged, mergeAllOf(part));
  return merged;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value === 'object' ? 'object' : typeof value;
}

/** Without `type`, a const or enum still fixes the types (so adding the implied type is no change). */
function impliedTypes(node: JsonObject): string[] | undefined {
  if (node.const !== undefined) return [jsonType(node.const)];
  if (Array.isArray(node.enum)) return [...new Set(node.enum.map(jsonType))];
  return undefined;
}

function isNullOnly(schema: unknown): boolean {
  const node = mergeAllOf(schema);
  const types = typeList(node);
  if (types && types.length > 0 && types.every((t) => t === 'null')) return true;
  if (node.const === null) return true;
  return Array.isArray(node.enum) && node.enum.length > 0 && node.enum.every((v) => v === null);
}

export function flatten(schema: unknown): FlatSchema {
  const merged = mergeAllOf(schema);
  let nullable = merged.nullable === true;
  const node: JsonObject = {};
  for (const [key, value] of Object.entries(merged)) {
    if (!COMBINERS.has(key) && key !== 'nullable') node[key] = value;
  }
  const types = typeList(merged) ?? impliedTypes(merged);
  if (types) {
    if (types.includes('null')) nullable = true;
    node.type = types.filter((t) => t !== 'null');
  }
  if (Array.isArray(merged.enum)) {
    if (merged.enum.includes(null)) nullable = true;
    node.enum = merged.enum.filter((v) => v !== null);
  }
  if (merged.const === null) {
    nullable = true;
    node.type = [];
    delete node.const;
  }
  const keyword = Array.isArray(merged.oneOf)
    ? 'oneOf'
    : Array.isArray(merged.anyOf)
      ? 'anyOf'
      : undefined;
  const branches = keyword ? (merged[keyword] as unknown[]) : [];
  const nonNull = branches.filter((branch) => !isNullOnly(branch));
  if (keyword && nonNull.length < branches.length) nullable = true;
  if (keyword && nonNull.length === 0) node.type = [];
  if (nonNull.length === 1) {
    const single: JsonObject = { ...node };
    mergeInto(single, mergeAllOf(nonNull[0]));
    const inner = flatten(single);
    return { ...inner, nullable: nullable || inner.nullable };
  }
  let variants: FlatSchema[] | undefined;
  if (nonNull.length > 1) {
    variants = nonNull.map((branch) => {
      const withParent: JsonObject = { ...node };
      mergeInto(withParent, mergeAllOf(branch));
      return flatten(withParent);
    });
  }
  return {
    node,
    types: Array.isArray(node.type) ? (node.type as string[]) : undefined,
    nullable,
    variants,
    variantKeyword: variants ? keyword : undefined,
  };
}
