// Bazaar's own OpenAPI rules (contracts/README.md conventions that Redocly's ruleset cannot state),
// checked by the contracts gate on each dereferenced service document: error media types, the
// jwt plugin / security / roles agreement, Correlation-Id, required error statuses, path
// parameters, the document's Kong name and upstream, and operationIds unique across documents.
import { type JsonObject, asObject, isObject, joinPointer } from './contract-types';
import { type Operation, effectiveSecurity, listOperations, roles } from './openapi-model';
import { type Report, checkErrorResponses } from './openapi-rules.errors';

export type RuleViolation = { document: string; pointer: string; rule: string; message: string };

/** What every rule sees: one dereferenced document and the shared error schemas. */
export type RuleInput = {
  /** The service name, from the file name. */
  name: string;
  doc: JsonObject;
  /** The dereferenced `Problem` and `GatewayError` of contracts/openapi/_shared/problem.yaml. */
  problem: unknown;
  gatewayError: unknown;
};

export const KNOWN_ROLES = ['customer', 'admin', 'partner', 'service'];

function checkAccess(input: RuleInput, op: Operation, report: Report): void {
  const security = effectiveSecurity(input.doc, op.operation);
  const secured = security.length > 0;
  const hasJwt = op.operation['x-kong-plugin-jwt'] !== undefined;
  if (security.some((requirement) => Object.keys(requirement).length === 0)) {
    report(
      joinPointer(op.pointer, 'security'),
      'security-optional',
      'optional authentication ({}) cannot be enforced by the gateway jwt plugin',
    );
  }
  if (secured && !hasJwt)
    report(op.pointer, 'jwt-plugin', 'secured operation lacks x-kong-plugin-jwt');
  if (!secured && hasJwt)
    report(
      joinPointer(op.pointer, 'x-kong-plugin-jwt'),
      'jwt-plugin',
      'public operation (security: []) has x-kong-plugin-jwt',
    );
  const rolesAt = joinPointer(op.pointer, 'x-bazaar-roles');
  const declared = op.operation['x-bazaar-roles'];
  if (declared !== undefined) {
    if (!secured) report(rolesAt, 'roles', 'x-bazaar-roles on an operation without security');
    if (!Array.isArray(declared) || declared.length === 0)
      report(rolesAt, 'roles', 'x-bazaar-roles must be a non-empty list');
    for (const role of roles(op.operation) ?? []) {
      if (!KNOWN_ROLES.includes(role))
        report(rolesAt, 'roles', `unknown role '${role}' (known: ${KNOWN_ROLES.join(', ')})`);
    }
  }
  const internal = op.operation['x-internal'];
  if (internal !== undefined && typeof internal !== 'boolean') {
    report(joinPointer(op.pointer, 'x-internal'), 'internal', 'x-internal must be true or false');
  }
  // Internal operations get no gateway route, so nothing but their own security guards them.
  if (internal === true && !secured && !Array.isArray(op.operation.security)) {
    report(
      op.pointer,
      'internal',
      'x-internal operation must be secured or say `security: []` itself',
    );
  }
}

function checkStatuses(input: RuleInput, op: Operation, report: Report): void {
  const responses = asObject(op.operation.responses);
  const need = (status: string, why: string): void => {
    if (!(status in responses))
      report(
        joinPointer(op.pointer, 'responses'),
        'required-status',
        `must list ${status} (${why})`,
      );
  };
  if (op.operation.requestBody !== undefined)
    need('413', 'it takes a body; the gateway limits its size');
  if (effectiveSecurity(input.doc, op.operation).length > 0) need('401', 'it is secured');
  if (roles(op.operation)) need('403', 'it is role-limited');
  if (op.operation['x-internal'] !== true) need('429', 'the gateway rate-limits every route');
}

function checkParameters(op: Operation, report: Report): void {
  const correlation = op.parameters.some(
    (p) => p.schema.in === 'header' && String(p.schema.name).toLowerCase() === 'correlation-id',
  );
  if (!correlation)
    report(op.pointer, 'correlation-id', 'must take the Correlation-Id header parameter');
  const inTemplate = [...op.path.matchAll(/\{([^}]*)\}/g)].map((match) => match[1]);
  const declared = op.parameters.filter((p) => p.schema.in === 'path');
  for (const name of inTemplate) {
    if (!declared.some((p) => p.schema.name === name))
      report(op.pointer, 'path-parameters', `path parameter '${name}' is not declared`);
  }
  for (const parameter of declared) {
    const name = String(parameter.schema.name);
    if (!inTemplate.includes(name))
      report(
        parameter.pointer,
        'path-parameters',
        `path parameter '${name}' does not occur in the path`,
      );
    if (parameter.schema.required !== true)
      report(
        parameter.pointer,
        'path-parameters',
        `path parameter '${name}' must be required: true`,
      );
  }
}

function checkDocumentLevel(input: RuleInput, report: Report): void {
  if (input.doc['x-kong-name'] !== input.name) {
    report(
      '/x-kong-name',
      'kong-name',
      `x-kong-name must be '${input.name}' (the file's service name), found ${JSON.stringify(input.doc['x-kong-name'])}`,
    );
  }
  const servers = input.doc.servers;
  const url = Array.isArray(servers) && isObject(servers[0]) ? servers[0].url : undefined;
  let upstream: URL | undefined;
  try {
    upstream = typeof url === 'string' ? new URL(url) : undefined;
  } catch {
    upstream = undefined;
  }
  if (!upstream || upstream.protocol !== 'http:' || upstream.hostname !== '127.0.0.1') {
    report(
      '/servers/0/url',
      'upstream',
      `servers[0] must be the http upstream on 127.0.0.1, found ${JSON.stringify(url)}`,
    );
  }
}

export function checkDocumentRules(input: RuleInput): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const report: Report = (pointer, rule, message) =>
    violations.push({ document: input.name, pointer, rule, message });
  checkDocumentLevel(input, report);
  for (const op of listOperations(input.doc)) {
    // `webhooks:` are requests the service sends to subscribers: not routes, not its errors.
    if (op.kind !== 'paths') continue;
    checkErrorResponses(input, op, report);
    checkAccess(input, op, report);
    checkStatuses(input, op, report);
    checkParameters(op, report);
  }
  return violations;
}

/** operationIds name SDK methods and Kong routes, so they must be unique across every document. */
export function checkUniqueOperationIds(
  inputs: { name: string; doc: JsonObject }[],
): RuleViolation[] {
  const seen = new Map<string, string>();
  const violations: RuleViolation[] = [];
  for (const { name, doc } of inputs) {
    for (const op of listOperations(doc)) {
      const id = op.operation.operationId;
      if (typeof id !== 'string') continue;
      const where = `${name} ${op.label}`;
      const first = seen.get(id);
      if (first) {
        violations.push({
          document: name,
          pointer: joinPointer(op.pointer, 'operationId'),
          rule: 'operation-id-unique',
          message: `operationId '${id}' is also used by ${first}`,
        });
      } else {
        seen.set(id, where);
      }
    }
  }
  return violations;
}
