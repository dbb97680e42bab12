// OpenAPI breaking-change diff for the contracts gate: compares a baseline and the current version
// of one dereferenced document, operation by operation (method + path template), and reports what
// would break an existing client: removed operations, renamed operationIds, tighter security, and
// the direction-aware message changes of openapi-breaking-messages.ts.
import {
  type BreakingChange,
  type Change,
  type Direction,
  type JsonObject,
  asObject,
  joinPointer,
} from './contract-types';
import { diffParameters, diffRequestBody, diffResponses } from './openapi-breaking-messages';
import { type Operation, effectiveSecurity, listOperations, roles } from './openapi-model';

/** Can a client holding the credentials of `held` satisfy `wanted`? */
function satisfies(held: JsonObject, wanted: JsonObject): boolean {
  return Object.entries(wanted).every(([scheme, scopes]) => {
    if (!(scheme in held)) return false;
    const heldScopes = Array.isArray(held[scheme]) ? (held[scheme] as unknown[]) : [];
    return (Array.isArray(scopes) ? scopes : []).every((scope) => heldScopes.includes(scope));
  });
}

function diffAccess(
  baseDoc: JsonObject,
  nextDoc: JsonObject,
  a: Operation,
  b: Operation,
): Change[] {
  const changes: Change[] = [];
  const before = effectiveSecurity(baseDoc, a.operation);
  const after = effectiveSecurity(nextDoc, b.operation);
  const securityAt = joinPointer(b.pointer, 'security');
  const open = (requirements: JsonObject[]): boolean =>
    requirements.length === 0 || requirements.some((r) => Object.keys(r).length === 0);
  if (open(before) && !open(after)) {
    changes.push({
      pointer: securityAt,
      message: 'operation became secured (now requires a token)',
    });
  } else if (!open(after)) {
    for (const held of before) {
      if (!after.some((wanted) => satisfies(held, wanted))) {
        changes.push({
          pointer: securityAt,
          message: `security requirement ${JSON.stringify(held)} no longer grants access`,
        });
      }
    }
  }
  const rolesBefore = roles(a.operation);
  const rolesAfter = roles(b.operation);
  const rolesAt = joinPointer(b.pointer, 'x-bazaar-roles');
  if (rolesAfter && !rolesBefore) {
    changes.push({
      pointer: rolesAt,
      message: `operation became role-limited to [${rolesAfter.join(', ')}]`,
    });
  } else if (rolesAfter && rolesBefore) {
    for (const role of rolesBefore) {
      if (!rolesAfter.includes(role))
        changes.push({ pointer: rolesAt, message: `role '${role}' no longer allowed` });
    }
  }
  if (a.operation['x-internal'] !== true && b.operation['x-internal'] === true) {
    changes.push({
      pointer: joinPointer(b.pointer, 'x-internal'),
      message: 'operation became internal (no gateway route, left out of the SDK)',
    });
  }
  return changes;
}

function diffOperation(
  baseDoc: JsonObject,
  nextDoc: JsonObject,
  a: Operation,
  b: Operation,
): Change[] {
  const changes: Change[] = [];
  const idBefore = a.operation.operationId;
  const idAfter = b.operation.operationId;
  if (idBefore !== undefined && idBefore !== idAfter) {
    changes.push({
      pointer: joinPointer(b.pointer, 'operationId'),
      message: `operationId renamed from ${String(idBefore)} to ${String(idAfter)} (SDK method and route name)`,
    });
  }
  if (a.kind === 'paths') changes.push(...diffAccess(baseDoc, nextDoc, a, b));
  // What the caller sends is read by the receiver: for a webhook the service is the caller.
  const [sent, answered]: [Direction, Direction] =
    a.kind === 'paths' ? ['request', 'response'] : ['response', 'request'];
  changes.push(...diffParameters(a, b, sent));
  changes.push(...diffRequestBody(a, b, sent));
  changes.push(...diffResponses(a, b, answered));
  return changes;
}

/** Breaking changes from `base` to `next`; an absent baseline means everything is new. */
export function diffOpenApi(
  document: string,
  base: JsonObject | undefined,
  next: JsonObject | undefined,
): BreakingChange[] {
  if (!base) return [];
  const findings: BreakingChange[] = [];
  const nextOperations = new Map(listOperations(next ?? {}).map((op) => [op.key, op]));
  for (const old of listOperations(base)) {
    const now = nextOperations.get(old.key);
    if (!now) {
      const why = next ? 'operation removed' : 'operation removed (the document was deleted)';
      findings.push({ document, subject: old.label, pointer: old.pointer, message: why });
      continue;
    }
    for (const change of diffOperation(base, next ?? {}, old, now)) {
      findings.push({ document, subject: now.label, ...change });
    }
  }
  const schemesAfter = asObject(asObject(next?.components).securitySchemes);
  for (const name of Object.keys(asObject(asObject(base.components).securitySchemes))) {
    if (next && !(name in schemesAfter)) {
      const pointer = joinPointer('', 'components', 'securitySchemes', name);
      findings.push({
        document,
        subject: '(document)',
        pointer,
        message: `security scheme '${name}' removed`,
      });
    }
  }
  return findings;
}
