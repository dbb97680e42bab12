/**
 * Renders kong/kong.yml's decK environment templates (`${{ env "DECK_…" }}`) into a file Kong or
 * the local gateway can load DB-less, as `deck file render --populate-env-vars` would. Exports
 * renderDeckEnv for the local gateway's loader; run directly it is a small CLI:
 *   tsx gateway/generator/render-kong-config.ts [--in kong/kong.yml] [--out <file>|-]
 * taking the values from the environment (kong/README.md lists the variables).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { renderDeckEnv } from '../runtime/src/declarative-config/render-deck-env';

export { DECK_ENV_PREFIX, renderDeckEnv } from '../runtime/src/declarative-config/render-deck-env';

function option(argv: string[], name: string, fallback: string): string {
  const at = argv.indexOf(name);
  if (at < 0) return fallback;
  const value = argv[at + 1];
  if (value === undefined) throw new Error(`${name} needs a value`);
  return value;
}

if (require.main === module) {
  try {
    const argv = process.argv.slice(2);
    const unknown = argv.filter((a) => a.startsWith('--') && !['--in', '--out'].includes(a));
    if (unknown.length > 0) throw new Error(`unknown option ${unknown[0]} (expected --in, --out)`);
    const input = option(argv, '--in', 'kong/kong.yml');
    const output = option(argv, '--out', '-');
    let rendered: string;
    try {
      rendered = renderDeckEnv(readFileSync(input, 'utf8'), process.env);
    } catch (error) {
      throw new Error(`${input}: ${(error as Error).message}`);
    }
    if (output === '-') process.stdout.write(rendered);
    else writeFileSync(output, rendered, { mode: 0o644 });
  } catch (error) {
    console.error(`render-kong-config: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
