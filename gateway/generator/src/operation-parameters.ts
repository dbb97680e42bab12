/**
 * Reads an operation's parameters from a bundled OpenAPI document for the Kong conversion: the
 * `minLength: 0` rule of openapi2kong's path captures, and the required enum headers openapi2kong
 * would route by (which the generator refuses).
 */
import { isRecord, type KongRecord } from './kong-entities';

/** Follows local `$ref`s of a bundled document; anything unresolvable reads as an empty object. */
export function resolveRef(document: KongRecord, value: unknown): KongRecord {
  let current = value;
  for (let depth = 0; isRecord(current) && typeof current.$ref === 'string'; depth++) {
    if (depth > 20) throw new Error(`$ref cycle at ${current.$ref}`);
    const ref = current.$ref;
    if (!ref.startsWith('#/')) throw new Error(`unbundled $ref ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .reduce<unknown>(
        (node, key) => (isRecord(node) ? node[key.replace(/~1/g, '/').replace(/~0/g, '~')] : null),
        document,
      );
  }
  return isRecord(current) ? current : {};
}

/** openapi2kong's findParameterSchema: operation parameters first, then the path item's. */
export function allowsEmptySegment(
  document: KongRecord,
  pathItem: KongRecord,
  operation: KongRecord,
) {
  return (name: string): boolean => {
    for (const list of [operation.parameters, pathItem.parameters]) {
      for (const raw of Array.isArray(list) ? list : []) {
        const parameter = resolveRef(document, raw);
        if (parameter.name !== name) continue;
        const schema = resolveRef(document, parameter.schema);
        return schema.minLength === 0;
      }
    }
    return false;
  };
}

/** Throws for a required header with an enum: openapi2kong would add one route per value. */
export function refuseRouteByHeader(
  document: KongRecord,
  pathItem: KongRecord,
  operation: KongRecord,
  at: string,
) {
  for (const list of [operation.parameters, pathItem.parameters]) {
    for (const raw of Array.isArray(list) ? list : []) {
      const parameter = resolveRef(document, raw);
      const schema = resolveRef(document, parameter.schema);
      if (parameter.in === 'header' && parameter.required === true && Array.isArray(schema.enum)) {
        throw new Error(
          `${at}: required header '${String(parameter.name)}' with an enum would need ` +
            'route-by-header routes, which are not supported by gateway/generator',
        );
      }
    }
  }
}
