// AsyncAPI 3.0 breaking-change diff for the contracts gate: compares a baseline and the current
// version of one service's dereferenced document. Channels are matched by address (the routing
// key), operations by action + address, messages by their key in the channel. Consumers read every
// payload and header, so those are diffed in the `response` direction (schema-diff.ts).
import {
  type BreakingChange,
  type JsonObject,
  asObject,
  isObject,
  joinPointer,
} from './contract-types';
import { type LoadedDocument } from './contract-load';
import { diffSchemas } from './schema-diff';

type Channel = { id: string; address: string; channel: JsonObject; borrowed: boolean };

function channelsByAddress(loaded: LoadedDocument): Map<string, Channel> {
  const rawChannels = asObject(loaded.raw.channels);
  const channels = new Map<string, Channel>();
  for (const [id, channel] of Object.entries(asObject(loaded.doc.channels))) {
    if (!isObject(channel)) continue;
    const address = typeof channel.address === 'string' ? channel.address : `#${id}`;
    // A channel `$ref`'d from another file belongs to its producer: that document reports its messages.
    const ref = asObject(rawChannels[id]).$ref;
    const borrowed = typeof ref === 'string' && !ref.startsWith('#');
    channels.set(address, { id, address, channel, borrowed });
  }
  return channels;
}

function messageKey(channel: JsonObject, message: unknown, index: number): string {
  for (const [key, candidate] of Object.entries(asObject(channel.messages)))
    if (candidate === message) return key;
  const named = asObject(message);
  return String(named.name ?? named.messageId ?? `#${index}`);
}

function operationsByKey(
  doc: JsonObject,
): Map<string, { id: string; operation: JsonObject; channel: JsonObject }> {
  const operations = new Map<string, { id: string; operation: JsonObject; channel: JsonObject }>();
  for (const [id, operation] of Object.entries(asObject(doc.operations))) {
    if (!isObject(operation)) continue;
    const channel = asObject(operation.channel);
    const address = typeof channel.address === 'string' ? channel.address : `#${id}`;
    operations.set(`${String(operation.action)} ${address}`, { id, operation, channel });
  }
  return operations;
}

function payloadSchema(message: JsonObject): unknown {
  const payload = asObject(message.payload);
  // A multi-format schema object wraps the JSON Schema in `schema`.
  return payload.schemaFormat !== undefined && payload.schema !== undefined
    ? payload.schema
    : payload;
}

function diffMessages(
  document: string,
  base: LoadedDocument,
  next: LoadedDocument,
  a: Channel,
  b: Channel,
): BreakingChange[] {
  const findings: BreakingChange[] = [];
  const subject = `channel ${b.address}`;
  const after = asObject(b.channel.messages);
  for (const [key, old] of Object.entries(asObject(a.channel.messages))) {
    const pointer = joinPointer('', 'channels', b.id, 'messages', key);
    const now = after[key];
    if (!isObject(now)) {
      findings.push({ document, subject, pointer, message: `message '${key}' removed` });
      continue;
    }
    const before = asObject(old);
    const typeBefore = before.contentType ?? base.doc.defaultContentType;
    const typeAfter = now.contentType ?? next.doc.defaultContentType;
    if (typeBefore !== typeAfter) {
      const message = `contentType changed from ${String(typeBefore)} to ${String(typeAfter)}`;
      findings.push({ document, subject, pointer: joinPointer(pointer, 'contentType'), message });
    }
    const changes = [
      ...diffSchemas(
        payloadSchema(before),
        payloadSchema(now),
        'response',
        joinPointer(pointer, 'payload'),
      ),
      ...diffSchemas(
        before.headers ?? {},
        now.headers ?? {},
        'response',
        joinPointer(pointer, 'headers'),
      ),
    ];
    for (const change of changes) findings.push({ document, subject, ...change });
  }
  return findings;
}

/** Breaking changes from `base` to `next`; an absent baseline means everything is new. */
export function diffAsyncApi(
  document: string,
  base: LoadedDocument | undefined,
  next: LoadedDocument | undefined,
): BreakingChange[] {
  if (!base) return [];
  const findings: BreakingChange[] = [];
  const empty: LoadedDocument = { name: document, file: '', doc: {}, raw: {} };
  const current = next ?? empty;
  const channelsAfter = channelsByAddress(current);
  for (const old of channelsByAddress(base).values()) {
    const now = channelsAfter.get(old.address);
    if (!now) {
      const why = next ? 'channel removed' : 'channel removed (the document was deleted)';
      findings.push({
        document,
        subject: `channel ${old.address}`,
        pointer: joinPointer('', 'channels', old.id),
        message: why,
      });
    } else if (!now.borrowed) {
      findings.push(...diffMessages(document, base, current, old, now));
    }
  }
  const operationsAfter = operationsByKey(current.doc);
  for (const [key, old] of operationsByKey(base.doc)) {
    const now = operationsAfter.get(key);
    const subject = `operation ${key}`;
    if (!now) {
      findings.push({
        document,
        subject,
        pointer: joinPointer('', 'operations', old.id),
        message: `${key.split(' ')[0]} operation removed`,
      });
      continue;
    }
    if (channelsAfter.get(key.slice(key.indexOf(' ') + 1))?.borrowed) continue;
    // An operation that lists its messages is a promise about exactly those messages.
    const list = (entry: { operation: JsonObject; channel: JsonObject }): string[] =>
      Array.isArray(entry.operation.messages)
        ? entry.operation.messages.map((m, i) => messageKey(entry.channel, m, i))
        : [];
    const kept = list(now);
    for (const message of list(old)) {
      if (Array.isArray(now.operation.messages) && !kept.includes(message)) {
        const pointer = joinPointer('', 'operations', now.id, 'messages');
        findings.push({
          document,
          subject,
          pointer,
          message: `message '${message}' no longer part of the operation`,
        });
      }
    }
  }
  return findings;
}
