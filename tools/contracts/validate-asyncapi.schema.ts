/**
 * Compiles AsyncAPI message schemas with Ajv (draft-07, the base of the AsyncAPI Schema Object)
 * so that validate-asyncapi.ts can check every message example against its own schema.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Keywords whose value is a map from names to schemas (the names are data, never stripped). */
const SCHEMA_MAPS = new Set([
  'properties',
  'patternProperties',
  'definitions',
  '$defs',
  'dependencies',
]);
/** Keywords whose value is a schema or an array of schemas. */
const SCHEMA_VALUES = new Set([
  'items',
  'additionalItems',
  'additionalProperties',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
  'allOf',
  'anyOf',
  'oneOf',
]);

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Removes AsyncAPI specification extensions (`x-...`, including the parser's own
 * `x-parser-schema-id`) from a schema, but not from data such as `examples`, `const` or property
 * names, so that Ajv can compile it in strict mode (which rejects unknown keywords: a misspelt
 * `requried` is an error instead of a silently ignored word).
 */
export function stripExtensions(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(stripExtensions);
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-')) continue;
    if (SCHEMA_MAPS.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripExtensions(v)]));
    } else if (SCHEMA_VALUES.has(key)) {
      out[key] = stripExtensions(value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** A compiler of message schemas; one per validation run, so that compiled schemas are cached. */
export class MessageSchemas {
  private readonly ajv: Ajv;

  constructor() {
    this.ajv = new Ajv({ strict: true, allErrors: true });
    addFormats(this.ajv);
    // Keywords the AsyncAPI Schema Object adds to draft-07 (Ajv knows `deprecated` already); they
    // carry no validation rule.
    this.ajv.addVocabulary(['discriminator', 'externalDocs']);
  }

  /** Compiles a schema taken from a parsed document, or explains why it cannot be compiled. */
  compile(schema: unknown): { validate: ValidateFunction } | { error: string } {
    try {
      return { validate: this.ajv.compile(stripExtensions(schema as Json) as JsonObject) };
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err) };
    }
  }
}

/** One line per Ajv error, naming where in the instance it is: `/payload/items/0 must have required property 'sku'`. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const where = e.instancePath === '' ? '(root)' : e.instancePath;
    const extra =
      e.keyword === 'additionalProperties'
        ? ` '${String((e.params as { additionalProperty?: string }).additionalProperty)}'`
        : e.keyword === 'enum'
          ? ` ${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)}`
          : e.keyword === 'const'
            ? ` ${JSON.stringify((e.params as { allowedValue?: unknown }).allowedValue)}`
            : '';
    return `${where} ${e.message ?? e.keyword}${extra}`;
  });
}
