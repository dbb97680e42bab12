// The message-level half of the OpenAPI breaking-change diff (openapi-breaking.ts): parameters,
// request bodies and responses of one operation, each compared in the direction its data travels
// (for a `webhooks:` operation the service sends the request and the subscriber sends the response).
import {
  type Change,
  type Direction,
  type JsonObject,
  asObject,
  joinPointer,
} from './contract-types';
import { type Operation, parameterSchema } from './openapi-model';
import { diffSchemas } from './schema-diff';

function parameterKey(operation: Operation, parameter: JsonObject): string {
  const name = String(parameter.name);
  if (parameter.in === 'path') {
    // Renaming `{id}` to `{productId}` changes nothing for a client: match by position.
    const names = [...operation.path.matchAll(/\{([^}]*)\}/g)].map((match) => match[1]);
    return `path#${names.indexOf(name)}`;
  }
  if (parameter.in === 'header') return `header:${name.toLowerCase()}`;
  return `${String(parameter.in)}:${name}`;
}

export function diffParameters(a: Operation, b: Operation, direction: Direction): Change[] {
  const changes: Change[] = [];
  const after = new Map(b.parameters.map((p) => [parameterKey(b, p.schema), p]));
  const beforeKeys = new Set(a.parameters.map((p) => parameterKey(a, p.schema)));
  for (const old of a.parameters) {
    const label = `${String(old.schema.in)} parameter '${String(old.schema.name)}'`;
    const now = after.get(parameterKey(a, old.schema));
    if (!now) {
      changes.push({ pointer: old.pointer, message: `${label} removed` });
      continue;
    }
    const wasRequired = old.schema.required === true;
    const isRequired = now.schema.required === true;
    if (direction === 'request' && !wasRequired && isRequired) {
      changes.push({ pointer: now.pointer, message: `${label} became required` });
    }
    if (direction === 'response' && wasRequired && !isRequired) {
      changes.push({ pointer: now.pointer, message: `${label} became optional` });
    }
    const schemaPointer = joinPointer(now.pointer, 'schema');
    changes.push(
      ...diffSchemas(
        parameterSchema(old.schema),
        parameterSchema(now.schema),
        direction,
        schemaPointer,
      ),
    );
  }
  for (const added of b.parameters) {
    if (
      direction === 'request' &&
      added.schema.required === true &&
      !beforeKeys.has(parameterKey(b, added.schema))
    ) {
      const label = `${String(added.schema.in)} parameter '${String(added.schema.name)}'`;
      changes.push({ pointer: added.pointer, message: `new required ${label}` });
    }
  }
  return changes;
}

function diffContent(
  before: unknown,
  after: unknown,
  direction: Direction,
  pointer: string,
): Change[] {
  const changes: Change[] = [];
  const next = asObject(after);
  for (const [mediaType, media] of Object.entries(asObject(before))) {
    const at = joinPointer(pointer, 'content', mediaType);
    if (!(mediaType in next)) {
      changes.push({ pointer: at, message: `media type ${mediaType} removed` });
      continue;
    }
    const schemaAt = joinPointer(at, 'schema');
    changes.push(
      ...diffSchemas(asObject(media).schema, asObject(next[mediaType]).schema, direction, schemaAt),
    );
  }
  return changes;
}

export function diffRequestBody(a: Operation, b: Operation, direction: Direction): Change[] {
  const before = a.operation.requestBody;
  const after = b.operation.requestBody;
  const pointer = joinPointer(b.pointer, 'requestBody');
  if (before === undefined) {
    const required = asObject(after).required === true;
    return direction === 'request' && required
      ? [{ pointer, message: 'new required request body' }]
      : [];
  }
  if (after === undefined)
    return [{ pointer: joinPointer(a.pointer, 'requestBody'), message: 'request body removed' }];
  const changes: Change[] = [];
  if (
    direction === 'request' &&
    asObject(before).required !== true &&
    asObject(after).required === true
  ) {
    changes.push({ pointer, message: 'request body became required' });
  }
  changes.push(
    ...diffContent(asObject(before).content, asObject(after).content, direction, pointer),
  );
  return changes;
}

export function diffResponses(a: Operation, b: Operation, direction: Direction): Change[] {
  const changes: Change[] = [];
  const after = asObject(b.operation.responses);
  for (const [status, old] of Object.entries(asObject(a.operation.responses))) {
    const pointer = joinPointer(b.pointer, 'responses', status);
    if (!(status in after)) {
      changes.push({
        pointer: joinPointer(a.pointer, 'responses', status),
        message: `response ${status} removed`,
      });
      continue;
    }
    const now = asObject(after[status]);
    const headersAfter = asObject(now.headers);
    for (const [name, header] of Object.entries(asObject(asObject(old).headers))) {
      const at = joinPointer(pointer, 'headers', name);
      const match = Object.keys(headersAfter).find(
        (key) => key.toLowerCase() === name.toLowerCase(),
      );
      if (match === undefined) {
        if (direction === 'response')
          changes.push({ pointer: at, message: `response header '${name}' removed` });
        continue;
      }
      const schemaAt = joinPointer(at, 'schema');
      changes.push(
        ...diffSchemas(
          asObject(header).schema,
          asObject(headersAfter[match]).schema,
          direction,
          schemaAt,
        ),
      );
    }
    changes.push(...diffContent(asObject(old).content, now.content, direction, pointer));
  }
  return changes;
}
