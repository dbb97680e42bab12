/**
 * Command-line options of build-docs.ts (`make docs`), checked before anything is built: an
 * unknown option or a gateway URL that is not a plain http(s) URL stops the build naming it.
 */
import path from 'node:path';

export interface BuildArgs {
  outDir: string;
  gatewayUrl: string;
}

export const DEFAULT_GATEWAY_URL = 'http://localhost:8000';
const OPTIONS = ['out', 'gateway-url'] as const;
type OptionName = (typeof OPTIONS)[number];

/** `--out <dir>` (default `defaultOut`), `--gateway-url <url>` (default http://localhost:8000). */
export function parseArgs(argv: string[], defaultOut: string): BuildArgs {
  const values: Record<OptionName, string> = {
    out: defaultOut,
    'gateway-url': DEFAULT_GATEWAY_URL,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    const name = flag.replace(/^--/, '') as OptionName;
    if (!flag.startsWith('--') || !OPTIONS.includes(name))
      throw new Error(`unknown argument "${arg}" (options: --out <dir>, --gateway-url <url>)`);
    const value = inline ?? argv[++i];
    if (!value) throw new Error(`--${name} needs a value`);
    values[name] = value;
  }
  let url: URL;
  try {
    url = new URL(values['gateway-url']);
  } catch {
    throw new Error(`--gateway-url: "${values['gateway-url']}" is not a URL`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.search || url.hash)
    throw new Error(
      `--gateway-url: "${values['gateway-url']}" must be an http(s) URL without query or fragment`,
    );
  return { outDir: path.resolve(values.out), gatewayUrl: url.href.replace(/\/+$/, '') };
}
