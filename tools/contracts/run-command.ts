// Runs a command-line tool of the contracts gate (Redocly CLI, buf, git) without a shell and
// collects its output, so that independent gates can run side by side.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export type CommandResult = { code: number; stdout: string; stderr: string };

export const REPO_ROOT = path.resolve(__dirname, '../..');

/** The repository's own copy of an npm-installed tool (what `npx <tool>` would run, minus npx). */
export function localBin(tool: string): string {
  const bin = path.join(REPO_ROOT, 'node_modules', '.bin', tool);
  if (!existsSync(bin))
    throw new Error(`${tool} is not installed (expected ${bin}); run \`make deps\``);
  return bin;
}

export function runCommand(command: string, args: string[], cwd: string): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) =>
      resolve({ code: 127, stdout, stderr: `${stderr}${error.message}\n` }),
    );
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
