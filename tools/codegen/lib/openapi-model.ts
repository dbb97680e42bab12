/**
 * Loads the OpenAPI contracts (contracts/openapi/<service>.yaml), bundles each into one
 * self-contained document (shared components hoisted by Redocly's bundler), and extracts what the
 * generators need to know about every operation.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { bundle, createConfig } from '@redocly/openapi-core';

export type HttpMethod = 'get' | 'put' | 'post' | 'patch' | 'delete';
const METHODS: readonly HttpMethod[] = ['get', 'put', 'post', 'patch', 'delete'];

/** A loose view of an OpenAPI 3.1 document; the generators only read what they need. */
export type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string; description?: string; summary?: string };
  servers?: { url: string }[];
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
};

export interface ResponseModel {
  status: number;
  /** The content type the body is written with (problem+json preferred for errors); none = no body. */
  contentType?: string;
  headers: string[];
}

export interface OperationModel {
  operationId: string;
  method: HttpMethod;
  path: string;
  summary: string;
  secured: boolean;
  roles: string[];
  internal: boolean;
  pathParameters: string[];
  queryParameters: string[];
  headerParameters: string[];
  requestBody?: { contentType: string; required: boolean };
  responses: ResponseModel[];
}

export interface ServiceContract {
  /** File base name: identity, catalog, ... */
  service: string;
  /** Path relative to the repository root. */
  source: string;
  document: OpenApiDocument;
  operations: OperationModel[];
}

type Obj = Record<string, unknown>;

export const OPENAPI_DIR = 'contracts/openapi';

export function listOpenApiServices(repoRoot: string): string[] {
  return readdirSync(path.join(repoRoot, OPENAPI_DIR))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''))
    .sort();
}

export async function loadServiceContract(
  repoRoot: string,
  service: string,
): Promise<ServiceContract> {
  const source = `${OPENAPI_DIR}/${service}.yaml`;
  const config = await createConfig({});
  const result = await bundle({
    ref: path.join(repoRoot, source),
    config,
    removeUnusedComponents: false,
  });
  const unresolved = result.problems.filter((p) => p.severity === 'error');
  if (unresolved.length > 0) {
    throw new Error(`${source}: ${unresolved.map((p) => p.message).join('; ')}`);
  }
  const document = result.bundle.parsed as OpenApiDocument;
  return { service, source, document, operations: extractOperations(document, source) };
}

function resolve(document: OpenApiDocument, value: unknown): Obj {
  let current = value as Obj;
  for (let depth = 0; typeof current?.$ref === 'string'; depth++) {
    if (depth > 20) throw new Error(`$ref cycle at ${String(current.$ref)}`);
    const pointer = (current.$ref as string).replace(/^#\//, '').split('/');
    current = pointer.reduce<unknown>(
      (node, key) => (node as Obj)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')],
      document,
    ) as Obj;
  }
  return current;
}

function preferredContentType(content: Obj | undefined): string | undefined {
  if (!content) return undefined;
  const types = Object.keys(content);
  return (
    ['application/problem+json', 'application/json'].find((t) => types.includes(t)) ?? types[0]
  );
}

function extractOperations(document: OpenApiDocument, source: string): OperationModel[] {
  const operations: OperationModel[] = [];
  const rootSecurity = (document.security as Obj[] | undefined) ?? [];
  for (const [apiPath, pathItem] of Object.entries(document.paths ?? {})) {
    for (const key of Object.keys(pathItem)) {
      if (
        !['parameters', 'summary', 'description', 'servers'].includes(key) &&
        !key.startsWith('x-') &&
        !METHODS.includes(key as HttpMethod)
      ) {
        throw new Error(
          `${source}: ${key.toUpperCase()} ${apiPath} is not supported by the generator`,
        );
      }
    }
    for (const method of METHODS) {
      const op = pathItem[method] as Obj | undefined;
      if (!op) continue;
      const where = `${source}: ${method.toUpperCase()} ${apiPath}`;
      if (typeof op.operationId !== 'string') throw new Error(`${where} has no operationId`);
      const parameters = [
        ...((pathItem.parameters as unknown[]) ?? []),
        ...((op.parameters as unknown[]) ?? []),
      ].map((p) => resolve(document, p));
      const names = (location: string) =>
        parameters.filter((p) => p.in === location).map((p) => String(p.name));
      const security = (op.security as Obj[] | undefined) ?? rootSecurity;
      const body = op.requestBody ? resolve(document, op.requestBody) : undefined;
      const responses = Object.entries((op.responses as Obj) ?? {}).map(([status, response]) => {
        if (!/^[1-5]\d\d$/.test(status))
          throw new Error(`${where}: response "${status}" must be a concrete status code`);
        const resolved = resolve(document, response);
        return {
          status: Number(status),
          contentType: preferredContentType(resolved.content as Obj | undefined),
          headers: Object.keys((resolved.headers as Obj) ?? {}).sort(),
        };
      });
      operations.push({
        operationId: op.operationId,
        method,
        path: apiPath,
        summary: typeof op.summary === 'string' ? op.summary : op.operationId,
        secured: security.some((requirement) => Object.keys(requirement).length > 0),
        roles: (op['x-bazaar-roles'] as string[] | undefined) ?? [],
        internal: op['x-internal'] === true,
        pathParameters: names('path'),
        queryParameters: names('query'),
        headerParameters: names('header'),
        requestBody: body
          ? {
              contentType: preferredContentType(body.content as Obj) ?? 'application/json',
              required: body.required === true,
            }
          : undefined,
        responses: responses.sort((a, b) => a.status - b.status),
      });
    }
  }
  return operations.sort(
    (a, b) => a.path.localeCompare(b.path) || METHODS.indexOf(a.method) - METHODS.indexOf(b.method),
  );
}

/** A copy of `document` without `x-internal` operations and without components nothing uses. */
export function publicDocument(document: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(document);
  for (const [apiPath, pathItem] of Object.entries(copy.paths)) {
    for (const method of METHODS) {
      if ((pathItem[method] as Obj | undefined)?.['x-internal'] === true) delete pathItem[method];
    }
    if (!METHODS.some((m) => m in pathItem)) delete copy.paths[apiPath];
  }
  return pruneUnusedComponents(copy);
}

/** Removes components that no path (transitively) references. */
export function pruneUnusedComponents(document: OpenApiDocument): OpenApiDocument {
  const used = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (
        key === '$ref' &&
        typeof value === 'string' &&
        value.startsWith('#/components/') &&
        !used.has(value)
      ) {
        used.add(value);
        const [, , kind, name] = value.split('/');
        visit(document.components?.[kind!]?.[name!]);
      } else visit(value);
    }
  };
  const { components, ...rest } = document;
  visit(rest);
  if (components?.securitySchemes)
    Object.keys(components.securitySchemes).forEach((n) =>
      used.add(`#/components/securitySchemes/${n}`),
    );
  for (const [kind, entries] of Object.entries(components ?? {})) {
    for (const name of Object.keys(entries)) {
      if (!used.has(`#/components/${kind}/${name}`)) delete entries[name];
    }
    if (Object.keys(entries).length === 0) delete components![kind];
  }
  return document;
}

/** `catalog` → `Catalog`, `flash-sales` → `FlashSales`. */
export function pascalCase(name: string): string {
  return name.replace(/(^|[-_.\s]+)([a-z0-9])/gi, (_, __, c: string) => c.toUpperCase());
}

/** `catalog` → `catalog`, `flash-sales` → `flashSales`. */
export function camelCase(name: string): string {
  const pascal = pascalCase(name);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}
