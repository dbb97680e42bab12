// The proto half of `make contracts-check`: `buf lint` on contracts/proto (gate 4) and
// `buf breaking` (FILE rules from contracts/proto/buf.yaml) of the working tree's protos against a
// baseline's (gate 5). Both read directories only, so they work offline.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { type GateOutcome } from './contract-types';
import { REPO_ROOT, localBin, runCommand } from './run-command';

export function hasProtoFiles(dir: string): boolean {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return false;
  }
  return entries.some((entry) => {
    const full = path.join(dir, entry);
    return entry.endsWith('.proto') || (statSync(full).isDirectory() && hasProtoFiles(full));
  });
}

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l !== '');

export async function bufLintGate(
  root = REPO_ROOT,
  protoDir = 'contracts/proto',
): Promise<GateOutcome> {
  const started = Date.now();
  // The directory holds buf.yaml, so buf takes it as the module and its config.
  const result = await runCommand(localBin('buf'), ['lint', protoDir], root);
  const ok = result.code === 0;
  return {
    name: 'Proto lint (buf)',
    ok,
    summary: ok ? `${protoDir} passes buf lint` : `buf lint exited with ${result.code}`,
    lines: [...lines(result.stdout), ...lines(result.stderr)],
    seconds: (Date.now() - started) / 1000,
  };
}

export type ProtoBreakingResult = { ok: boolean; findings: string[]; note?: string };

/** `buf breaking <protoDir> --against <baselineDir>`; a baseline without protos has nothing to break. */
export async function bufBreaking(
  protoDir: string,
  baselineDir: string,
  cwd = REPO_ROOT,
): Promise<ProtoBreakingResult> {
  if (!hasProtoFiles(baselineDir))
    return { ok: true, findings: [], note: 'baseline has no .proto files: all new' };
  if (!hasProtoFiles(protoDir))
    return { ok: false, findings: [`${protoDir}: every .proto file was removed`] };
  const result = await runCommand(
    localBin('buf'),
    ['breaking', protoDir, '--against', baselineDir],
    cwd,
  );
  return { ok: result.code === 0, findings: [...lines(result.stdout), ...lines(result.stderr)] };
}
