// Kong's own offline check of kong.yml for the consistency gate: decK's validator, which rejects
// unknown entity fields, wrong types and broken references (stack-notes.md). Debian ships decK
// 1.4 (`deck validate -s <file>`); current decK spells it `deck file validate <file>`. When decK
// is missing and we are root, the Debian package is installed the way tools/infra/ensure-servers.sh
// installs servers (apt-get, refreshing the lists once if needed).
import { runCommand } from './run-command';

export type DeckVersion = { major: number; minor: number; text: string };

/** Parses `deck version` output: "decK 1.4.0 (unknown)" or "decK v1.65.1 (abc123)". */
export function parseDeckVersion(output: string): DeckVersion | undefined {
  const match = /decK\s+v?(\d+)\.(\d+)\.\d+/.exec(output);
  return match ? { major: Number(match[1]), minor: Number(match[2]), text: match[0] } : undefined;
}

/** The validate command line for a decK version; `file validate` arrived with decK 1.28. */
export function deckValidateArgs(version: DeckVersion, file: string): string[] {
  const modern = version.major > 1 || version.minor >= 28;
  return modern ? ['file', 'validate', file] : ['validate', '-s', file];
}

async function installDeck(cwd: string): Promise<string | undefined> {
  if (process.getuid?.() !== 0)
    return 'decK is not installed; install it (Debian: apt-get install -y deck) or run this gate as root';
  const apt = (args: string[]) =>
    runCommand('env', ['DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args], cwd);
  let result = await apt(['install', '-y', '-q', 'deck']);
  if (result.code !== 0) {
    await apt(['update', '-q']);
    result = await apt(['install', '-y', '-q', 'deck']);
  }
  return result.code === 0
    ? undefined
    : `apt-get install deck failed: ${result.stderr.trim().split('\n').pop()}`;
}

export type DeckValidation = { ok: boolean; version?: string; lines: string[] };

/** Runs decK's offline validator on `file` (relative to `cwd`). */
export async function deckValidate(file: string, cwd: string): Promise<DeckValidation> {
  let probe = await runCommand('deck', ['version'], cwd);
  if (probe.code === 127) {
    const problem = await installDeck(cwd);
    if (problem) return { ok: false, lines: [problem] };
    probe = await runCommand('deck', ['version'], cwd);
  }
  const version = parseDeckVersion(probe.stdout + probe.stderr);
  if (!version)
    return { ok: false, lines: [`cannot tell the decK version from: ${probe.stdout.trim()}`] };
  const result = await runCommand('deck', deckValidateArgs(version, file), cwd);
  const lines = `${result.stdout}\n${result.stderr}`
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l !== '');
  return { ok: result.code === 0, version: version.text, lines };
}
