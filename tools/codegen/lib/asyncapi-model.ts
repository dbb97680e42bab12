/**
 * Loads the AsyncAPI contracts (contracts/asyncapi/<service>.yaml) with @asyncapi/parser, which
 * resolves $refs across files, and extracts the event table the generators need: per event type
 * its producer, partition key and schemas; per service what it sends and receives.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { DiagnosticSeverity, fromFile, Parser } from '@asyncapi/parser';

export const ASYNCAPI_DIR = 'contracts/asyncapi';

export interface EventModel {
  eventType: string;
  producer: string;
  /** The message's component name, e.g. OrderCreated. */
  messageName: string;
  summary: string;
  partitionKey: string;
  schemaVersion: string;
  /** The whole envelope with this event's payload (JSON Schema, parser annotations removed). */
  envelopeSchema: Record<string, unknown>;
}

export interface ServiceEvents {
  service: string;
  source: string;
  sends: string[];
  receives: string[];
}

export interface EventContracts {
  events: EventModel[];
  services: ServiceEvents[];
}

type Json = Record<string, unknown>;

/** Removes the parser's `x-parser-*` annotations, keeping component names as `title`. */
export function cleanSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(cleanSchema);
  if (typeof node !== 'object' || node === null) return node;
  const out: Json = {};
  const id = (node as Json)['x-parser-schema-id'];
  if (typeof id === 'string' && !id.startsWith('<anonymous') && !('title' in node)) out.title = id;
  for (const [key, value] of Object.entries(node)) {
    if (!key.startsWith('x-parser-')) out[key] = cleanSchema(value);
  }
  return out;
}

export function listAsyncApiServices(repoRoot: string): string[] {
  let names: string[];
  try {
    names = readdirSync(path.join(repoRoot, ASYNCAPI_DIR));
  } catch {
    return []; // no event contracts in this tree
  }
  return names
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''))
    .sort();
}

export async function loadEventContracts(
  repoRoot: string,
  only?: string[],
): Promise<EventContracts> {
  // The contracts gate validates the documents; generation only needs them parsed and resolved.
  const parser = new Parser({ ruleset: { core: false, recommended: false } });
  const events = new Map<string, EventModel>();
  const services: ServiceEvents[] = [];
  for (const service of listAsyncApiServices(repoRoot).filter((s) => !only || only.includes(s))) {
    const source = `${ASYNCAPI_DIR}/${service}.yaml`;
    const { document, diagnostics } = await fromFile(parser, path.join(repoRoot, source)).parse();
    const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
    if (!document || errors.length > 0)
      throw new Error(`${source}: ${errors.map((d) => d.message).join('; ')}`);
    const sends = new Set<string>();
    const receives = new Set<string>();
    for (const operation of document.operations().all()) {
      for (const channel of operation.channels().all()) {
        const address = channel.address();
        if (!address)
          throw new Error(`${source}: operation ${operation.id()} has a channel without address`);
        (operation.action() === 'send' ? sends : receives).add(address);
        if (operation.action() !== 'send') continue;
        const message = operation.messages().all()[0];
        if (!message) throw new Error(`${source}: operation ${operation.id()} sends no message`);
        if (events.has(address))
          throw new Error(
            `${address} is sent by both ${events.get(address)!.producer} and ${service}`,
          );
        const partitionKey = message.extensions().get('x-bazaar-partition-key')?.value();
        if (typeof partitionKey !== 'string')
          throw new Error(`${source}: message ${message.name()} has no x-bazaar-partition-key`);
        const major = /\.v(\d+)$/.exec(address)?.[1] ?? '1';
        const declaredVersion = message.extensions().get('x-bazaar-schema-version')?.value();
        events.set(address, {
          eventType: address,
          producer: service,
          messageName: message.name() ?? message.id(),
          summary: message.summary() ?? address,
          partitionKey,
          schemaVersion: typeof declaredVersion === 'string' ? declaredVersion : `${major}.0`,
          envelopeSchema: cleanSchema(message.payload()?.json()) as Json,
        });
      }
    }
    services.push({ service, source, sends: [...sends].sort(), receives: [...receives].sort() });
  }
  for (const s of services) {
    for (const type of s.receives) {
      if (!events.has(type) && !only)
        throw new Error(`${s.source} receives ${type}, which no document sends`);
    }
  }
  return {
    events: [...events.values()].sort((a, b) => a.eventType.localeCompare(b.eventType)),
    services,
  };
}
