// Gate 1 of `make contracts-check`: Redocly CLI lint of every OpenAPI document listed under `apis`
// in contracts/redocly.yaml (our ruleset on top of recommended-strict). Runs the repository's own
// CLI (what `npx redocly` runs) and drops its Node-20 deprecation banner from the report.
import { type GateOutcome } from './contract-types';
import { REPO_ROOT, localBin, runCommand } from './run-command';

const NOISE = [/^\s*$/, /[╔╗╚╝║]/, /^validating .* using lint rules/, /generate-ignore-file/];

/** The lines of Redocly's output worth reading: problems, per-file results and the verdict. */
export function redoclyReportLines(stdout: string, stderr: string): string[] {
  return [...stdout.split('\n'), ...stderr.split('\n')]
    .map((line) => line.trimEnd())
    .filter((line) => !NOISE.some((pattern) => pattern.test(line)));
}

export async function redoclyLintGate(
  root = REPO_ROOT,
  config = 'contracts/redocly.yaml',
): Promise<GateOutcome> {
  const started = Date.now();
  const result = await runCommand(
    localBin('redocly'),
    ['lint', '--config', config, '--format=stylish'],
    root,
  );
  const lines = redoclyReportLines(result.stdout, result.stderr);
  const ok = result.code === 0;
  return {
    name: 'OpenAPI lint (Redocly)',
    ok,
    summary: ok ? `every document in ${config} passes` : `redocly lint exited with ${result.code}`,
    lines,
    seconds: (Date.now() - started) / 1000,
  };
}
