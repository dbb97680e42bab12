/**
 * Validates the event contracts in contracts/asyncapi/: every document with @asyncapi/parser
 * (AsyncAPI 3.0 structure, $refs across files, AMQP bindings), then Bazaar's own rules on each
 * document and across them (one producer per event type, no receive without a sender). Called by
 * the contracts gate, and runnable alone: `npx tsx tools/contracts/validate-asyncapi.ts [dir]`
 * prints every finding and exits 1 when there is an error.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DiagnosticSeverity, Parser, fromFile, type Diagnostic } from '@asyncapi/parser';
import { parse as parseYaml } from 'yaml';
import { checkAcrossDocuments, type EventSummary } from './validate-asyncapi.cross';
import { checkDocument, type DocumentFacts } from './validate-asyncapi.document';
import { MessageSchemas } from './validate-asyncapi.schema';

export type { EventSummary };

export type ContractDiagnostic = {
  file: string;
  path?: string;
  message: string;
  severity: 'error' | 'warning';
};

export const DEFAULT_ASYNCAPI_DIR = path.resolve(__dirname, '../../contracts/asyncapi');
const SERVICE_NAME = /^[a-z][a-z0-9-]*$/;

/** Paths inside the working directory are shown relative to it, others in full. */
function display(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function formatPath(segments: ReadonlyArray<string | number>): string | undefined {
  if (segments.length === 0) return undefined;
  return segments
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`))
    .join('');
}

async function yamlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.join(dir, e.name))
    .sort();
}

function fromParser(diagnostics: Diagnostic[], file: string): ContractDiagnostic[] {
  return (
    diagnostics
      // Information and hints carry no rule (e.g. "AsyncAPI 3.1.0 exists"); Bazaar pins 3.0.
      .filter(
        (d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning,
      )
      .map((d) => ({
        file: display(d.source ?? file),
        path: formatPath(d.path),
        message: `${d.message} (${String(d.code)})`,
        severity:
          d.severity === DiagnosticSeverity.Error ? ('error' as const) : ('warning' as const),
      }))
  );
}

/**
 * Validates every AsyncAPI document of `dir` (default contracts/asyncapi) and returns the findings
 * together with the event table the documents describe.
 */
export async function analyzeAsyncApiContracts(
  dir: string = DEFAULT_ASYNCAPI_DIR,
): Promise<{ diagnostics: ContractDiagnostic[]; events: EventSummary[] }> {
  const out: ContractDiagnostic[] = [];
  let documents: string[];
  let shared: string[] = [];
  try {
    documents = await yamlFiles(dir);
    shared = await yamlFiles(path.join(dir, '_shared')).catch(() => []);
  } catch (err) {
    out.push({
      file: display(dir),
      message: `cannot read the AsyncAPI directory: ${(err as Error).message}`,
      severity: 'error',
    });
    return { diagnostics: out, events: [] };
  }
  if (documents.length === 0) {
    out.push({
      file: display(dir),
      message: 'no AsyncAPI documents (*.yaml) found',
      severity: 'error',
    });
  }
  const parser = new Parser();
  const schemas = new MessageSchemas();
  const facts: DocumentFacts[] = [];
  // Shared documents are checked as AsyncAPI only: they own no channels.
  for (const file of shared)
    out.push(...fromParser((await fromFile(parser, file).parse()).diagnostics, file));
  for (const file of documents) {
    const service = path.basename(file).replace(/\.ya?ml$/, '');
    const report = (
      where: string | undefined,
      message: string,
      severity: 'error' | 'warning' = 'error',
    ) => out.push({ file: display(file), ...(where ? { path: where } : {}), message, severity });
    if (!SERVICE_NAME.test(service))
      report(undefined, `file name must be the producing service's name (${SERVICE_NAME.source})`);
    const { document, diagnostics } = await fromFile(parser, file).parse();
    const found = fromParser(diagnostics, file);
    out.push(...found);
    if (!document) {
      if (!found.some((d) => d.severity === 'error'))
        report(undefined, 'the AsyncAPI parser could not read this document');
      continue;
    }
    const raw: unknown = parseYaml(await readFile(file, 'utf8'));
    facts.push(checkDocument(document, raw, service, display(file), report, schemas));
  }
  const events = checkAcrossDocuments(facts, facts.length === documents.length, out);
  // A producer's mistake is also found while parsing each consumer that $refs it: report it once.
  const seen = new Set<string>();
  const diagnostics = out.filter((d) => {
    const key = `${d.file}\u0000${d.path ?? ''}\u0000${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { diagnostics, events };
}

/** The findings of analyzeAsyncApiContracts: what the contracts gate calls. */
export async function validateAsyncApiContracts(dir?: string): Promise<ContractDiagnostic[]> {
  return (await analyzeAsyncApiContracts(dir)).diagnostics;
}

async function main(): Promise<void> {
  const dir = process.argv[2] ? path.resolve(process.argv[2]) : DEFAULT_ASYNCAPI_DIR;
  const diagnostics = await validateAsyncApiContracts(dir);
  for (const d of diagnostics) {
    const line = `${d.severity}: ${d.file}${d.path ? ` at ${d.path}` : ''}: ${d.message}`;
    if (d.severity === 'error') console.error(line);
    else console.warn(line);
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  console.log(
    `AsyncAPI contracts in ${display(dir)}: ${errors} error(s), ${diagnostics.length - errors} warning(s)`,
  );
  process.exitCode = errors > 0 ? 1 : 0;
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
