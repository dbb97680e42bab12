// The Kong gate of `make contracts-check`: kong/kong.yml must be exactly what `make kong` generates
// from the contracts and overlays (no drift), must route every public operation to exactly one
// route with its method, upstream, jwt and rate limit, must keep internal operations unreachable
// and answer every CORS preflight (kong-consistency.routes.ts), and must pass decK's validator.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  generateKongConfig,
  KONG_YML,
  loadContracts,
} from '../../gateway/generator/src/build-kong-config';
import type { ServiceContract } from '../codegen/lib/openapi-model';
import { type GateOutcome } from './contract-types';
import { deckValidate } from './kong-consistency.deck';
import { checkKongRoutes } from './kong-consistency.routes';
import { REPO_ROOT } from './run-command';

export const KONG_GATE_NAME = 'Kong gateway config (kong/kong.yml)';

export interface KongGateOptions {
  /** The file checked, relative to root (default kong/kong.yml). */
  kongYml?: string;
  /** Preloaded contracts (tests load them once). */
  contracts?: ServiceContract[];
  /** What `make kong` would write now (tests compute it once). */
  expectedText?: string;
}

/** Line-level description of the first differences between the committed and generated file. */
export function describeDrift(actual: string, expected: string, file: string): string[] {
  if (actual === expected) return [];
  const a = actual.split('\n');
  const e = expected.split('\n');
  const lines = [`${file} differs from what \`make kong\` generates now; run make kong`];
  for (let i = 0, shown = 0; i < Math.max(a.length, e.length) && shown < 5; i++) {
    if (a[i] === e[i]) continue;
    lines.push(
      `  line ${i + 1}: has ${JSON.stringify(a[i] ?? '<end of file>')}, expected ${JSON.stringify(e[i] ?? '<end of file>')}`,
    );
    shown++;
  }
  return lines;
}

export async function kongConsistencyGate(
  root = REPO_ROOT,
  options: KongGateOptions = {},
): Promise<GateOutcome> {
  const started = Date.now();
  const file = options.kongYml ?? KONG_YML;
  const deck = deckValidate(file, root);
  const lines: string[] = [];
  let text: string | undefined;
  try {
    text = readFileSync(path.join(root, file), 'utf8');
  } catch (error) {
    lines.push(`${file} cannot be read: ${(error as Error).message}; run make kong`);
  }
  if (text !== undefined) {
    const contracts = options.contracts ?? (await loadContracts(root));
    const expected = options.expectedText ?? (await generateKongConfig(root, contracts)).text;
    lines.push(...describeDrift(text, expected, file));
    lines.push(...checkKongRoutes(text, file, contracts));
  }
  const validation = await deck;
  if (!validation.ok)
    lines.push(
      `deck validate (${validation.version ?? 'decK'}) rejects ${file}:`,
      ...validation.lines.map((l) => `  ${l}`),
    );
  const ok = lines.length === 0;
  return {
    name: KONG_GATE_NAME,
    ok,
    summary: ok
      ? `${file} matches the contracts and overlays, routes every operation, and passes ${validation.version ?? 'decK'} validation`
      : `${lines.filter((l) => !l.startsWith('  ')).length} problem(s)`,
    lines,
    seconds: (Date.now() - started) / 1000,
  };
}

if (require.main === module) {
  kongConsistencyGate().then((outcome) => {
    console.log(`${outcome.ok ? 'PASS' : 'FAIL'}  ${outcome.name}: ${outcome.summary}`);
    for (const line of outcome.lines) console.log(`      ${line}`);
    process.exitCode = outcome.ok ? 0 : 1;
  });
}
