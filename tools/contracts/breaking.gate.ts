// Gate 5 of `make contracts-check`: compares the working tree's contracts (OpenAPI, AsyncAPI,
// proto) with each baseline's (baselines.ts) and fails on any breaking change, unless the baseline
// is HEAD's parent and HEAD carries a `Breaking-Contract-Change: <reason>` trailer.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { diffAsyncApi } from './asyncapi-breaking';
import { type Baseline, WAIVER_TRAILER, extractContracts, planBaselines } from './baselines';
import {
  type LoadResult,
  type LoadedDocument,
  loadAsyncApiDir,
  loadOpenApiDir,
} from './contract-load';
import { type BreakingChange, type GateOutcome, formatBreaking } from './contract-types';
import { diffOpenApi } from './openapi-breaking';
import { bufBreaking } from './proto.gate';
import { REPO_ROOT } from './run-command';

export type ContractSet = { openapi: LoadResult; asyncapi: LoadResult };

export async function loadContractSet(contractsDir: string): Promise<ContractSet> {
  const [openapi, asyncapi] = await Promise.all([
    loadOpenApiDir(path.join(contractsDir, 'openapi')),
    loadAsyncApiDir(path.join(contractsDir, 'asyncapi')),
  ]);
  return { openapi, asyncapi };
}

type Comparison = { baseline: Baseline; findings: string[]; notes: string[]; failing: boolean };

type DocumentDiff = (
  name: string,
  base: LoadedDocument,
  next: LoadedDocument | undefined,
) => BreakingChange[];

/** Each baseline document against the current one of the same name (absent = deleted). */
function diffSet(base: LoadResult, current: LoadResult, diff: DocumentDiff): string[] {
  const now = new Map(current.docs.map((d) => [d.name, d]));
  return base.docs
    .filter((old) => !current.unreadable.includes(old.name))
    .flatMap((old) => diff(old.name, old, now.get(old.name)).map(formatBreaking));
}

async function compareWith(
  root: string,
  baseline: Baseline,
  current: ContractSet,
  waiver: string | undefined,
): Promise<Comparison> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'bazaar-contracts-baseline-'));
  try {
    const notes: string[] = [];
    if (!extractContracts(root, baseline.commit, scratch)) {
      return {
        baseline,
        findings: [],
        notes: ['it has no contracts/ directory: everything is new'],
        failing: false,
      };
    }
    const base = await loadContractSet(path.join(scratch, 'contracts'));
    for (const error of [...base.openapi.errors, ...base.asyncapi.errors]) {
      notes.push(
        `baseline document not comparable (unreadable there): ${error.replace(scratch + path.sep, '')}`,
      );
    }
    const openapi = diffSet(base.openapi, current.openapi, (name, a, b) =>
      diffOpenApi(name, a.doc, b?.doc),
    );
    const asyncapi = diffSet(base.asyncapi, current.asyncapi, diffAsyncApi);
    const proto = await bufBreaking(
      'contracts/proto',
      path.join(scratch, 'contracts', 'proto'),
      root,
    );
    if (proto.note) notes.push(`proto: ${proto.note}`);
    const findings = [
      ...openapi.map((line) => `openapi  ${line}`),
      ...asyncapi.map((line) => `asyncapi ${line}`),
      ...(proto.ok
        ? []
        : proto.findings.map(
            (line) => `proto    ${line.replace(scratch + path.sep, '<baseline>/')}`,
          )),
    ];
    const failing = findings.length > 0 && !(baseline.waivable && waiver !== undefined);
    return { baseline, findings, notes, failing };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export async function breakingChangesGate(
  root = REPO_ROOT,
  preloaded?: ContractSet,
): Promise<GateOutcome> {
  const started = Date.now();
  const plan = planBaselines(root);
  const current = preloaded ?? (await loadContractSet(path.join(root, 'contracts')));
  const lines: string[] = [];
  const currentErrors = [...current.openapi.errors, ...current.asyncapi.errors];
  for (const error of currentErrors) lines.push(`cannot read a current document: ${error}`);
  const used = plan.baselines.map((b) => b.label);
  lines.push(`baselines: ${used.length > 0 ? used.join(', ') : 'none'}`);
  for (const note of plan.notes) lines.push(`  note: ${note}`);
  const comparisons = await Promise.all(
    plan.baselines.map((b) => compareWith(root, b, current, plan.waiver)),
  );
  for (const { baseline, findings, notes, failing } of comparisons) {
    const count =
      findings.length === 0 ? 'no breaking change' : `${findings.length} breaking change(s)`;
    lines.push(`against ${baseline.label}: ${count}`);
    for (const note of notes) lines.push(`  note: ${note}`);
    for (const finding of findings) lines.push(`  ${finding}`);
    if (findings.length > 0 && !failing) {
      lines.push(
        `  waived by HEAD's trailer "${WAIVER_TRAILER}: ${plan.waiver}" (reported, not failing)`,
      );
    } else if (failing && baseline.waivable) {
      lines.push(
        `  a deliberate break? add the trailer "${WAIVER_TRAILER}: <reason>" to HEAD's commit message`,
      );
    } else if (failing) {
      lines.push(
        '  a release tag cannot be waived: add a new version (/api/v2, ....v2 event, bazaar.inventory.v2) instead',
      );
    }
  }
  const failed = comparisons.filter((c) => c.failing).length;
  const ok = failed === 0 && currentErrors.length === 0;
  return {
    name: 'Breaking changes (OpenAPI, AsyncAPI, proto)',
    ok,
    summary: ok
      ? `no unwaived breaking change against ${used.length} baseline(s)`
      : `${failed} baseline(s) with breaking changes${currentErrors.length ? `, ${currentErrors.length} unreadable document(s)` : ''}`,
    lines,
    seconds: (Date.now() - started) / 1000,
  };
}
