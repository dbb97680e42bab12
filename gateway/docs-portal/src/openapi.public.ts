/**
 * The public face of each OpenAPI contract, as the docs portal publishes it: bundled into one
 * document, without `x-internal` operations, with the gateway as the only server (servers[0] in
 * the contract is the service's upstream, which readers never call), and without the `x-kong-*`
 * gateway policy, which is configuration rather than API.
 */
import {
  listOpenApiServices,
  loadServiceContract,
  publicDocument,
  type OpenApiDocument,
  type OperationModel,
} from '../../../tools/codegen/lib/openapi-model';

export interface PublicOperation {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  tags: string[];
  secured: boolean;
  roles: string[];
}

export interface PublicApi {
  service: string;
  title: string;
  summary: string;
  version: string;
  document: OpenApiDocument;
  operations: PublicOperation[];
  /** Operations the public reference leaves out (x-internal), for the build summary. */
  internalOperations: string[];
  /** The gateway's rate limits (x-kong-plugin-rate-limiting), service-wide and per operation. */
  rateLimits: RateLimit[];
}

export interface RateLimit {
  /** undefined: every operation of the service without a limit of its own. */
  operationId?: string;
  /** Requests per window: { minute: 120 }, { minute: 10, hour: 100 }. */
  windows: Record<string, number>;
  /** Who a counter belongs to: consumer (signed-in user, else client IP), ip, ... */
  limitBy: string;
}

type Obj = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options', 'trace'];

function stripKongPolicy(node: Obj): void {
  for (const key of Object.keys(node)) if (key.startsWith('x-kong')) delete node[key];
}

function operationsOf(items: Obj | undefined): Obj[] {
  const ops: Obj[] = [];
  for (const item of Object.values(items ?? {}) as Obj[]) {
    for (const method of METHODS) if (item[method]) ops.push(item[method] as Obj);
  }
  return ops;
}

/** Roles beyond "signed in", said in words Redoc shows (it does not render x- extensions). */
function describeRoles(op: Obj): void {
  const roles = ((op['x-bazaar-roles'] as string[] | undefined) ?? []).filter(
    (r) => r !== 'service',
  );
  if (roles.length === 0) return;
  const list = roles.map((r) => `\`${r}\``).join(' or ');
  const note = `**Requires the ${list} role.**`;
  op.description = op.description ? `${note}\n\n${String(op.description)}` : note;
}

/**
 * A copy of `document` as readers see it. `gatewayUrl` replaces every `servers` entry (document,
 * path and operation level).
 */
export function toPublicDocument(document: OpenApiDocument, gatewayUrl: string): OpenApiDocument {
  const copy = publicDocument(document);
  stripKongPolicy(copy);
  if (copy.components) {
    stripKongPolicy(copy.components);
  }
  copy.servers = [
    { url: gatewayUrl, description: 'The Bazaar gateway: every call goes through it' } as {
      url: string;
    },
  ];
  const pathItems = [copy.paths, copy.webhooks as Obj | undefined];
  for (const items of pathItems) {
    for (const item of Object.values(items ?? {}) as Obj[]) {
      delete item.servers;
      stripKongPolicy(item);
    }
    for (const op of operationsOf(items)) {
      delete op.servers;
      stripKongPolicy(op);
      describeRoles(op);
    }
  }
  const used = new Set(
    [...operationsOf(copy.paths), ...operationsOf(copy.webhooks as Obj | undefined)].flatMap(
      (op) => (op.tags as string[] | undefined) ?? [],
    ),
  );
  if (Array.isArray(copy.tags)) {
    copy.tags = (copy.tags as { name: string }[]).filter((t) => used.has(t.name));
  }
  return copy;
}

function publicOperations(
  document: OpenApiDocument,
  operations: OperationModel[],
): PublicOperation[] {
  return operations
    .filter((op) => !op.internal)
    .map((op) => {
      const raw = document.paths[op.path]![op.method] as Obj;
      return {
        operationId: op.operationId,
        method: op.method.toUpperCase(),
        path: op.path,
        summary: op.summary,
        tags: (raw.tags as string[] | undefined) ?? [],
        secured: op.secured,
        roles: op.roles.filter((r) => r !== 'service'),
      };
    });
}

const WINDOWS = ['second', 'minute', 'hour', 'day', 'month', 'year'];

function rateLimitOf(node: Obj, operationId?: string): RateLimit[] {
  const config = (node['x-kong-plugin-rate-limiting'] as { config?: Obj } | undefined)?.config;
  if (!config) return [];
  const windows = Object.fromEntries(
    WINDOWS.filter((w) => typeof config[w] === 'number').map((w) => [w, config[w] as number]),
  );
  return [
    {
      operationId,
      windows,
      limitBy: typeof config.limit_by === 'string' ? config.limit_by : 'consumer',
    },
  ];
}

/** Rate limits read from the contract (before toPublicDocument strips the x-kong policy). */
export function rateLimitsOf(document: OpenApiDocument): RateLimit[] {
  const perOperation = operationsOf(document.paths)
    .filter((op) => op['x-internal'] !== true)
    .flatMap((op) => rateLimitOf(op, String(op.operationId)));
  return [...rateLimitOf(document), ...perOperation];
}

/** Every OpenAPI contract under `repoRoot`, made public. */
export async function loadPublicApis(repoRoot: string, gatewayUrl: string): Promise<PublicApi[]> {
  const services = listOpenApiServices(repoRoot);
  if (services.length === 0)
    throw new Error(`no OpenAPI contracts under ${repoRoot}/contracts/openapi`);
  return Promise.all(
    services.map(async (service) => {
      const contract = await loadServiceContract(repoRoot, service);
      const document = toPublicDocument(contract.document, gatewayUrl);
      return {
        service,
        title: document.info.title,
        summary: document.info.summary ?? '',
        version: document.info.version,
        document,
        operations: publicOperations(contract.document, contract.operations),
        internalOperations: contract.operations.filter((o) => o.internal).map((o) => o.operationId),
        rateLimits: rateLimitsOf(contract.document),
      };
    }),
  );
}
