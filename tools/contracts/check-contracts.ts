// `make contracts-check`: runs every contract gate (Redocly lint, Bazaar's OpenAPI rules, AsyncAPI
// validation, buf lint, breaking changes against HEAD^ and the last release tag), prints one report
// per gate and exits non-zero if any fails. Gates that spawn tools run while the others compute.
import path from 'node:path';
import { asyncApiGate } from './asyncapi.gate';
import { breakingChangesGate, loadContractSet } from './breaking.gate';
import { type GateOutcome } from './contract-types';
import { openApiRulesGate } from './openapi-rules.gate';
import { bufLintGate } from './proto.gate';
import { redoclyLintGate } from './redocly-lint.gate';
import { REPO_ROOT } from './run-command';
import { kongConsistencyGate } from './kong-consistency';

/** Short ids for `--only <id>[,<id>]` (a developer re-running one gate), in report order. */
const GATES = {
  lint: 'OpenAPI lint (Redocly)',
  rules: 'Bazaar OpenAPI rules',
  asyncapi: 'AsyncAPI validation',
  proto: 'Proto lint (buf)',
  breaking: 'Breaking changes (OpenAPI, AsyncAPI, proto)',
  kong: 'Kong gateway config (kong/kong.yml)',
} as const;
type GateId = keyof typeof GATES;

export function selectGates(argv: string[]): GateId[] {
  const all = Object.keys(GATES) as GateId[];
  const at = argv.indexOf('--only');
  if (at < 0) return all;
  const wanted = (argv[at + 1] ?? '').split(',').filter((id) => id !== '');
  const unknown = wanted.filter((id) => !all.includes(id as GateId));
  if (wanted.length === 0 || unknown.length > 0) {
    throw new Error(
      `--only takes a comma-separated list of: ${all.join(', ')} (got ${JSON.stringify(argv[at + 1] ?? '')})`,
    );
  }
  return all.filter((id) => wanted.includes(id));
}

/** A gate that throws is a failed gate with the reason, never a crash of the whole check. */
async function settle(name: string, gate: () => Promise<GateOutcome>): Promise<GateOutcome> {
  const started = Date.now();
  try {
    return await gate();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      name,
      ok: false,
      summary: 'the gate could not run',
      lines: [message],
      seconds: (Date.now() - started) / 1000,
    };
  }
}

export function renderReport(outcomes: GateOutcome[], seconds: number): string[] {
  const out: string[] = [];
  outcomes.forEach((gate, index) => {
    const verdict = gate.ok ? 'PASS' : 'FAIL';
    out.push(
      `[${index + 1}/${outcomes.length}] ${verdict}  ${gate.name}  (${gate.seconds.toFixed(1)} s): ${gate.summary}`,
    );
    for (const line of gate.lines) out.push(`      ${line}`);
  });
  const failed = outcomes.filter((gate) => !gate.ok);
  out.push(
    failed.length === 0
      ? `contracts-check: all ${outcomes.length} gates passed in ${seconds.toFixed(1)} s`
      : `contracts-check: ${failed.length} of ${outcomes.length} gates failed (${failed.map((g) => g.name).join('; ')}) in ${seconds.toFixed(1)} s`,
  );
  return out;
}

async function main(): Promise<void> {
  const started = Date.now();
  const selected = selectGates(process.argv.slice(2));
  const current = loadContractSet(path.join(REPO_ROOT, 'contracts'));
  // Gates that spawn a tool start first, so that it runs while this process computes.
  const run: Record<GateId, () => Promise<GateOutcome>> = {
    lint: () => redoclyLintGate(),
    proto: () => bufLintGate(),
    rules: async () => openApiRulesGate(REPO_ROOT, (await current).openapi),
    breaking: async () => breakingChangesGate(REPO_ROOT, await current),
    asyncapi: () => asyncApiGate(),
    kong: () => kongConsistencyGate(),
  };
  const pending = new Map<GateId, Promise<GateOutcome>>();
  for (const id of ['lint', 'proto', 'kong', 'rules', 'breaking', 'asyncapi'] as const) {
    if (selected.includes(id)) pending.set(id, settle(GATES[id], run[id]));
  }
  const outcomes = await Promise.all(selected.map((id) => pending.get(id)!));
  for (const line of renderReport(outcomes, (Date.now() - started) / 1000)) console.log(line);
  process.exitCode = outcomes.every((gate) => gate.ok) ? 0 : 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  });
}
