/**
 * OpenAPI → generated/http/<service>/: types (openapi-typescript), the bundled contract, operation
 * metadata, a typed server binding (`<Service>Handlers` + `mount<Service>Api`) and a typed client
 * (`create<Service>Client`) on openapi-fetch. Also copies the two runtimes they share.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { type GeneratedFiles, headerFor, REPO_ROOT } from './lib/generated-files';
import {
  type OpenApiDocument,
  type OperationModel,
  type ServiceContract,
  pascalCase,
} from './lib/openapi-model';

const GENERATOR = 'generate-http.ts';

/** openapi-typescript → the `paths`, `operations` and `components` types of one contract. */
export async function contractTypes(document: OpenApiDocument): Promise<string> {
  // defaultNonNullable off: a request field with a default stays optional for the client.
  const ast = await openapiTS(structuredClone(document) as never, {
    defaultNonNullable: false,
    alphabetize: false,
  });
  return `${astToString(ast)}\n/** Every named schema of the contract, e.g. \`Schemas['Product']\`. */\nexport type Schemas = components['schemas'];\n`;
}

/** Copies a template from tools/codegen/templates into the generated tree, with the header. */
export async function addTemplate(
  files: GeneratedFiles,
  template: string,
  target: string,
): Promise<void> {
  const source = readFileSync(path.join(REPO_ROOT, 'tools/codegen/templates', template), 'utf8');
  await files.addTs(target, headerFor(GENERATOR, `tools/codegen/templates/${template}`), source);
}

const q = (s: string) => JSON.stringify(s);

function opType(op: OperationModel): string {
  return `operations[${q(op.operationId)}]`;
}

function docComment(op: OperationModel): string {
  const access = op.secured
    ? op.roles.length
      ? `Roles: ${op.roles.join(', ')}.`
      : 'Any signed-in user.'
    : 'Public.';
  return `/** ${op.method.toUpperCase()} ${op.path}: ${op.summary}. ${access}${op.internal ? ' Internal (no gateway route).' : ''} */`;
}

function headersType(names: string[]): string {
  return names.length === 0
    ? 'Record<string, string | undefined>'
    : `{ ${names.map((n) => `${q(n)}?: string`).join('; ')} }`;
}

function repliesType(op: OperationModel): string {
  const entries = op.responses.map((r) => {
    const body = r.contentType
      ? `${opType(op)}['responses'][${r.status}]['content'][${q(r.contentType)}]`
      : 'undefined';
    return `    ${r.status}: { body: ${body}; headers: ${headersType(r.headers)} };`;
  });
  return `{\n${entries.join('\n')}\n  }`;
}

function bodyType(op: OperationModel): string {
  if (!op.requestBody) return 'undefined';
  const content = `NonNullable<${opType(op)}['requestBody']>['content'][${q(op.requestBody.contentType)}]`;
  return op.requestBody.required ? content : `${content} | undefined`;
}

function parameterType(
  op: OperationModel,
  location: 'path' | 'query' | 'header',
  names: string[],
): string {
  return names.length === 0
    ? 'Record<string, never>'
    : `NonNullable<${opType(op)}['parameters'][${q(location)}]>`;
}

function serverModule(contract: ServiceContract): string {
  const name = pascalCase(contract.service);
  const replies = contract.operations
    .map((op) => `  ${op.operationId}: ${repliesType(op)};`)
    .join('\n');
  const handlers = contract.operations
    .map(
      (op) => `  ${docComment(op)}
  ${op.operationId}(
    input: HandlerInput<${parameterType(op, 'path', op.pathParameters)}, ${parameterType(op, 'query', op.queryParameters)}, ${parameterType(op, 'header', op.headerParameters)}, ${bodyType(op)}, ${op.secured ? 'AuthContext' : 'AuthContext | undefined'}>,
    reply: Responder<${name}Replies[${q(op.operationId)}]>,
  ): Promise<Replied<${name}Replies[${q(op.operationId)}]>>;`,
    )
    .join('\n');
  return `/**
 * Typed server binding of the ${contract.service} contract: implement every operation of
 * \`${name}Handlers\` (the compiler lists what is missing or wrongly typed), answer through the
 * \`reply\` function each handler receives, and mount them with \`mount${name}Api\`, which validates
 * requests (and, outside production, responses) against the contract.
 */
import type { RequestHandler, Router } from 'express';
import {
  type AuthContext,
  type HandlerInput,
  type MountOptions,
  type Replied,
  type Responder,
  mountOperations,
} from '../runtime/server-runtime';
import { ${contract.service}Operations } from './operations';
import { ${contract.service}Spec } from './spec';
import type { operations } from './types';

/** Per operation, per status: the body (undefined: none) and headers the contract allows. */
export interface ${name}Replies {
${replies}
}

export interface ${name}Handlers {
${handlers}
}

/** Mounts one route per ${contract.service} operation on \`router\`; failures go to \`next\` as ContractProblems. */
export function mount${name}Api(
  router: Router,
  handlers: ${name}Handlers,
  options: MountOptions & { operationMiddleware?: Partial<Record<keyof ${name}Handlers, readonly RequestHandler[]>> },
): void {
  mountOperations(router, ${contract.service}Spec, ${contract.service}Operations, handlers as never, options);
}
`;
}

function operationsModule(contract: ServiceContract): string {
  const entries = contract.operations.map((op) => ({
    operationId: op.operationId,
    method: op.method,
    path: op.path,
    secured: op.secured,
    roles: op.roles,
    internal: op.internal,
    headerParameters: op.headerParameters,
    responseContentTypes: Object.fromEntries(
      op.responses.filter((r) => r.contentType).map((r) => [String(r.status), r.contentType]),
    ),
  }));
  return `/** What the ${contract.service} contract says about each operation: method, path, security, roles, content types. */
import type { OperationMeta } from '../runtime/server-runtime';

export const ${contract.service}Operations = ${JSON.stringify(entries, null, 2)} as const satisfies readonly (OperationMeta & { internal: boolean })[];
`;
}

function specModule(contract: ServiceContract): string {
  return `/** The ${contract.service} contract, bundled into one document (shared components inlined). */
export const ${contract.service}Spec: Readonly<Record<string, unknown>> = ${JSON.stringify(contract.document, null, 2)};
`;
}

function successType(op: OperationModel): string {
  const success = op.responses.filter((r) => r.status >= 200 && r.status < 300);
  const types = success.map((r) =>
    r.contentType
      ? `${opType(op)}['responses'][${r.status}]['content'][${q(r.contentType)}]`
      : 'void',
  );
  return [...new Set(types)].join(' | ') || 'void';
}

/** The client module text; shared with the SDK generator, which passes its own runtime import path. */
export function clientModule(
  contract: ServiceContract,
  operations: OperationModel[],
  runtimeImport: string,
): string {
  const name = pascalCase(contract.service);
  const methods = operations
    .map(
      (op) => `    ${docComment(op)}
    async ${op.operationId}(...[init]: OperationArgs<MaybeOptionalInit<paths[${q(op.path)}], ${q(op.method)}>>): Promise<${successType(op)}> {
      return unwrap<${successType(op)}, ${name}Problem>(await http.${op.method.toUpperCase()}(${q(op.path)}, init as never));
    },`,
    )
    .join('\n');
  return `/**
 * Typed client of the ${contract.service} API: one method per operation, inputs and outputs typed
 * from the contract; non-2xx answers throw \`ProblemError<${name}Problem>\`. \`raw\` is the
 * underlying openapi-fetch client, for response headers.
 */
import type { MaybeOptionalInit } from 'openapi-fetch';
import { type ClientOptions, type OperationArgs, createHttpClient, unwrap } from '${runtimeImport}';
import type { components, operations, paths } from './types';

/** The error bodies this API answers with: a Bazaar problem, or the gateway's own \`{ message }\`. */
export type ${name}Problem = ${
    ['Problem', 'GatewayError']
      .filter((s) => contract.document.components?.schemas?.[s])
      .map((s) => `components['schemas'][${q(s)}]`)
      .join(' | ') || 'unknown'
  };

export type ${name}Client = ReturnType<typeof create${name}Client>;

export function create${name}Client(options: ClientOptions) {
  const http = createHttpClient<paths>(options);
  return {
    raw: http,
${methods}
  };
}
`;
}

export async function generateHttp(
  files: GeneratedFiles,
  contracts: ServiceContract[],
): Promise<void> {
  await addTemplate(files, 'server-runtime.ts', 'http/runtime/server-runtime.ts');
  await addTemplate(files, 'client-runtime.ts', 'http/runtime/client-runtime.ts');
  for (const contract of contracts) {
    const header = headerFor(GENERATOR, contract.source);
    const dir = `http/${contract.service}`;
    await files.addTs(`${dir}/types.ts`, header, await contractTypes(contract.document));
    await files.addTs(`${dir}/spec.ts`, header, specModule(contract), { pretty: false });
    await files.addTs(`${dir}/operations.ts`, header, operationsModule(contract));
    await files.addTs(`${dir}/server.ts`, header, serverModule(contract));
    await files.addTs(
      `${dir}/client.ts`,
      header,
      clientModule(contract, contract.operations, '../runtime/client-runtime'),
    );
  }
}
