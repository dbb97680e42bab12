// Reads the parts of a dereferenced OpenAPI 3.x document the contract gates need: its operations
// (paths and webhooks) with their merged parameters, and each operation's effective security.
// Used by the Bazaar rules (openapi-rules.ts) and the breaking-change diff (openapi-breaking.ts).
import { type JsonObject, asObject, isObject, joinPointer } from './contract-types';

export const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;

export type Parameter = { schema: JsonObject; pointer: string };

export type Operation = {
  /** `paths` = served by the service; `webhooks` = sent by the service to a subscriber. */
  kind: 'paths' | 'webhooks';
  method: string;
  /** The path template, or the webhook's name. */
  path: string;
  /** `POST /api/v1/products` (webhooks: `POST webhook orderPaid`). */
  label: string;
  /** Stable identity across versions: path parameter names do not matter to a client. */
  key: string;
  pointer: string;
  operation: JsonObject;
  /** Path-item parameters overridden by the operation's own (same name and location). */
  parameters: Parameter[];
};

function mergedParameters(
  pathItem: JsonObject,
  operation: JsonObject,
  itemPointer: string,
  opPointer: string,
): Parameter[] {
  const byKey = new Map<string, Parameter>();
  const add = (list: unknown, pointer: string): void => {
    if (!Array.isArray(list)) return;
    list.forEach((parameter, index) => {
      if (!isObject(parameter)) return;
      byKey.set(`${String(parameter.in)}:${String(parameter.name)}`, {
        schema: parameter,
        pointer: joinPointer(pointer, 'parameters', index),
      });
    });
  };
  add(pathItem.parameters, itemPointer);
  add(operation.parameters, opPointer);
  return [...byKey.values()];
}

export function templateKey(path: string): string {
  return path.replace(/\{[^}]*\}/g, '{}');
}

export function listOperations(doc: JsonObject): Operation[] {
  const operations: Operation[] = [];
  for (const kind of ['paths', 'webhooks'] as const) {
    for (const [path, item] of Object.entries(asObject(doc[kind]))) {
      if (!isObject(item)) continue;
      const itemPointer = joinPointer('', kind, path);
      for (const method of HTTP_METHODS) {
        const operation = item[method];
        if (!isObject(operation)) continue;
        const pointer = joinPointer(itemPointer, method);
        const verb = method.toUpperCase();
        operations.push({
          kind,
          method,
          path,
          label: kind === 'paths' ? `${verb} ${path}` : `${verb} webhook ${path}`,
          key: kind === 'paths' ? `${verb} ${templateKey(path)}` : `webhook ${verb} ${path}`,
          pointer,
          operation,
          parameters: mergedParameters(item, operation, itemPointer, pointer),
        });
      }
    }
  }
  return operations;
}

/** The security requirements that apply: the operation's own, else the document's, else none. */
export function effectiveSecurity(doc: JsonObject, operation: JsonObject): JsonObject[] {
  const security = Array.isArray(operation.security) ? operation.security : doc.security;
  return Array.isArray(security) ? security.filter(isObject) : [];
}

export function isSecured(doc: JsonObject, operation: JsonObject): boolean {
  return effectiveSecurity(doc, operation).length > 0;
}

export function roles(operation: JsonObject): string[] | undefined {
  const value = operation['x-bazaar-roles'];
  return Array.isArray(value) ? value.map(String) : undefined;
}

export function parameterSchema(parameter: JsonObject): unknown {
  if (parameter.schema !== undefined) return parameter.schema;
  const first = Object.values(asObject(parameter.content))[0];
  return asObject(first).schema;
}
