/**
 * Checks the AsyncAPI documents against each other for validate-asyncapi.ts: each event type has
 * exactly one producer, every receive has a sender, and the event table the documents describe.
 */
import type { DocumentFacts } from './validate-asyncapi.document';
import type { ContractDiagnostic } from './validate-asyncapi';

/** One row of the event table the documents describe (contracts/README.md lists the same). */
export type EventSummary = {
  eventType: string;
  producer: string;
  partitionKey: string | undefined;
  consumers: string[];
};

/**
 * One producer per event type, and a sender for every receive. When a document could not be
 * parsed its sends are unknown, so receives are only checked when every document was read.
 */
export function checkAcrossDocuments(
  facts: DocumentFacts[],
  allParsed: boolean,
  out: ContractDiagnostic[],
): EventSummary[] {
  const senders = new Map<
    string,
    Array<{ facts: DocumentFacts; path: string; partitionKey: string | undefined }>
  >();
  for (const doc of facts) {
    for (const send of doc.sends)
      senders.set(send.address, [...(senders.get(send.address) ?? []), { facts: doc, ...send }]);
  }
  for (const [address, list] of senders) {
    if (list.length < 2) continue;
    const names = list.map((s) => s.facts.service).join(' and ');
    for (const s of list) {
      out.push({
        file: s.facts.file,
        path: s.path,
        message: `${address} is sent by ${names}: each event type has exactly one producer`,
        severity: 'error',
      });
    }
  }
  for (const doc of allParsed ? facts : []) {
    for (const receive of doc.receives) {
      if (!senders.has(receive.address)) {
        out.push({
          file: doc.file,
          path: receive.path,
          message: `receives ${receive.address}, which no document sends`,
          severity: 'error',
        });
      }
    }
  }
  return [...senders.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([eventType, list]) => ({
      eventType,
      producer: list.map((s) => s.facts.service).join(', '),
      partitionKey: list[0]?.partitionKey,
      consumers: facts
        .filter((f) => f.receives.some((r) => r.address === eventType))
        .map((f) => f.service)
        .sort(),
    }));
}
