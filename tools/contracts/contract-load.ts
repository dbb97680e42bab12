// Loads the contract documents of one `contracts/` tree (the working tree's or a baseline's) with
// every $ref resolved, across files, for the rules and breaking-change gates. OpenAPI goes through
// @apidevtools/swagger-parser (a direct dependency that also checks the file really is OpenAPI;
// @redocly/openapi-core is only here transitively, and its `bundle` keeps internal $refs the diff
// would have to chase anyway); AsyncAPI through its underlying @apidevtools/json-schema-ref-parser.
// Remote (http) refs are never fetched.
import $RefParser from '@apidevtools/json-schema-ref-parser';
import SwaggerParser from '@apidevtools/swagger-parser';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { type JsonObject, isObject } from './contract-types';

export type LoadedDocument = {
  /** The service name: the file name without `.yaml`. */
  name: string;
  file: string;
  /** Fully dereferenced (shared objects and cycles preserved). */
  doc: JsonObject;
  /** The root file as written, refs unresolved. */
  raw: JsonObject;
};

export type LoadResult = {
  docs: LoadedDocument[];
  errors: string[];
  /** Names of the documents that could not be read (so a diff does not take them as deleted). */
  unreadable: string[];
};

const OFFLINE = { resolve: { http: false as const } };

/** `<dir>/*.yaml` (shared building blocks live in `_shared/` and are not documents of their own). */
export function listDocuments(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((entry) => /\.ya?ml$/.test(entry))
    .sort()
    .map((entry) => path.join(dir, entry));
}

export function documentName(file: string): string {
  return path.basename(file).replace(/\.ya?ml$/, '');
}

async function loadAll(
  dir: string,
  load: (file: string) => Promise<[unknown, unknown]>,
): Promise<LoadResult> {
  const result: LoadResult = { docs: [], errors: [], unreadable: [] };
  const files = listDocuments(dir);
  const loaded = await Promise.allSettled(files.map(load));
  loaded.forEach((outcome, index) => {
    const file = files[index]!;
    const [doc, raw] = outcome.status === 'fulfilled' ? outcome.value : [undefined, undefined];
    if (outcome.status === 'fulfilled' && isObject(doc) && isObject(raw)) {
      result.docs.push({ name: documentName(file), file, doc, raw });
      return;
    }
    result.unreadable.push(documentName(file));
    const reason =
      outcome.status === 'rejected' ? (outcome.reason as Error).message : 'not a YAML mapping';
    result.errors.push(reason.includes(file) ? reason : `${file}: ${reason}`);
  });
  return result;
}

export function loadOpenApiDir(dir: string): Promise<LoadResult> {
  return loadAll(dir, async (file) => {
    const raw = await new $RefParser().parse(file, OFFLINE);
    const doc = await new SwaggerParser().dereference(file, OFFLINE as SwaggerParser.Options);
    return [doc, raw];
  });
}

export function loadAsyncApiDir(dir: string): Promise<LoadResult> {
  return loadAll(dir, async (file) => {
    const raw = await new $RefParser().parse(file, OFFLINE);
    const doc = await new $RefParser().dereference(file, OFFLINE);
    return [doc, raw];
  });
}

/** Loads one OpenAPI file's component schemas (used for the shared Problem / GatewayError). */
export async function loadComponentSchemas(file: string): Promise<JsonObject> {
  const doc = (await new $RefParser().dereference(file, OFFLINE)) as JsonObject;
  const components = isObject(doc.components) ? doc.components : {};
  return isObject(components.schemas) ? components.schemas : {};
}
