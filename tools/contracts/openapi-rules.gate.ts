// Gate 2 of `make contracts-check`: applies Bazaar's own OpenAPI rules (openapi-rules.ts) to every
// dereferenced document under contracts/openapi, and checks that each of them is listed in
// contracts/redocly.yaml (a document missing there would silently escape gate 1).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { type LoadResult, loadComponentSchemas, loadOpenApiDir } from './contract-load';
import { type GateOutcome, asObject } from './contract-types';
import { type RuleViolation, checkDocumentRules, checkUniqueOperationIds } from './openapi-rules';
import { REPO_ROOT } from './run-command';

function unlistedDocuments(root: string, loaded: LoadResult): string[] {
  const configFile = path.join(root, 'contracts', 'redocly.yaml');
  const config = asObject(parse(readFileSync(configFile, 'utf8')));
  const roots = new Set(
    Object.values(asObject(config.apis)).map((api) =>
      path.resolve(path.dirname(configFile), String(asObject(api).root)),
    ),
  );
  return loaded.docs
    .filter((d) => !roots.has(path.resolve(d.file)))
    .map(
      (d) =>
        `${path.relative(root, d.file)} is not listed under apis in contracts/redocly.yaml, so it is never linted`,
    );
}

export async function openApiRulesGate(
  root = REPO_ROOT,
  preloaded?: LoadResult,
): Promise<GateOutcome> {
  const started = Date.now();
  const loaded = preloaded ?? (await loadOpenApiDir(path.join(root, 'contracts', 'openapi')));
  const shared = await loadComponentSchemas(
    path.join(root, 'contracts', 'openapi', '_shared', 'problem.yaml'),
  );
  const violations: RuleViolation[] = [
    ...loaded.docs.flatMap((d) =>
      checkDocumentRules({
        name: d.name,
        doc: d.doc,
        problem: shared.Problem,
        gatewayError: shared.GatewayError,
      }),
    ),
    ...checkUniqueOperationIds(loaded.docs),
  ];
  const problems = [
    ...loaded.errors.map((error) => `cannot read: ${error}`),
    ...unlistedDocuments(root, loaded),
    ...violations.map((v) => `${v.document} #${v.pointer}: ${v.message} [${v.rule}]`),
  ];
  return {
    name: 'Bazaar OpenAPI rules',
    ok: problems.length === 0,
    summary:
      problems.length === 0
        ? `${loaded.docs.length} document(s) follow the Bazaar rules`
        : `${problems.length} problem(s) in ${loaded.docs.length} document(s)`,
    lines: problems,
    seconds: (Date.now() - started) / 1000,
  };
}
