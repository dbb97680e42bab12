/**
 * The process settings of `bazaar-gateway`, from Kong's environment variables and our flags
 * (flags win). Kong settings that change proxy behaviour are refused when set to a value this
 * gateway does not implement; other KONG_* variables are reported as ignored, never dropped silently.
 */
import { parseListen, type ListenSpec } from './listen-address';

export interface GatewaySettings {
  configPath: string;
  listen: ListenSpec[];
  statusListen: ListenSpec[];
  /** KONG_* variables that have no effect here (admin API, logging, …), for a start-up notice. */
  ignored: string[];
}

/** Used by main.ts; each entry: variable, default, meaning. */
export const SETTINGS = [
  ['KONG_DECLARATIVE_CONFIG', '(required)', 'Path of the DB-less kong.yml to load; --config wins.'],
  [
    'KONG_PROXY_LISTEN',
    '0.0.0.0:8000',
    'Proxy listeners in Kong syntax (plain HTTP only); --listen wins.',
  ],
  [
    'KONG_STATUS_LISTEN',
    'off',
    'Status API listeners serving /metrics and /status; --status-listen wins.',
  ],
] as const;

/** Kong settings whose non-default values would change behaviour we reproduce; value → accepted. */
const FIXED: Record<string, (v: string) => boolean> = {
  KONG_DATABASE: (v) => v === 'off',
  KONG_ROUTER_FLAVOR: (v) => v === 'traditional_compatible',
  KONG_TRUSTED_IPS: (v) => v.trim() === '',
  KONG_REAL_IP_HEADER: (v) => v.toLowerCase() === 'x-real-ip',
  KONG_REAL_IP_RECURSIVE: (v) => v === 'off',
  KONG_ERROR_DEFAULT_TYPE: (v) => v === 'text/plain',
  KONG_HEADERS: (v) => v.replace(/\s/g, '') === 'server_tokens,latency_tokens,X-Kong-Request-Id',
  KONG_HEADERS_UPSTREAM: (v) => v.trim() === 'X-Kong-Request-Id',
  KONG_PROXY_HTTP_VERSION: (v) => v === '1.1',
};

export class SettingsError extends Error {}

function flag(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === name) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--'))
        throw new SettingsError(`${name} needs a value`);
      return value;
    }
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}

const KNOWN_FLAGS = ['--config', '--listen', '--status-listen', '--help', '-h'];

export function resolveSettings(argv: readonly string[], env: NodeJS.ProcessEnv): GatewaySettings {
  const problems: string[] = [];
  for (const arg of argv) {
    if (arg.startsWith('-') && !KNOWN_FLAGS.includes(arg.split('=', 1)[0]!))
      problems.push(`unknown option ${arg}`);
  }
  for (const [name, accepts] of Object.entries(FIXED)) {
    const value = env[name];
    if (value !== undefined && !accepts(value))
      problems.push(`${name}=${value} is not supported by bazaar-gateway`);
  }
  const configPath = flag(argv, '--config') ?? env.KONG_DECLARATIVE_CONFIG;
  if (!configPath)
    problems.push('no declarative config: set KONG_DECLARATIVE_CONFIG or pass --config <kong.yml>');
  let listen: ListenSpec[] = [];
  let statusListen: ListenSpec[] = [];
  try {
    const cli = flag(argv, '--listen');
    listen = parseListen(
      cli ?? env.KONG_PROXY_LISTEN ?? '0.0.0.0:8000',
      cli ? '--listen' : 'KONG_PROXY_LISTEN',
    );
  } catch (err) {
    problems.push((err as Error).message);
  }
  try {
    const cli = flag(argv, '--status-listen');
    statusListen = parseListen(
      cli ?? env.KONG_STATUS_LISTEN ?? 'off',
      cli ? '--status-listen' : 'KONG_STATUS_LISTEN',
    );
  } catch (err) {
    problems.push((err as Error).message);
  }
  if (problems.length > 0) throw new SettingsError(problems.join('\n'));
  const used = new Set<string>([...SETTINGS.map(([n]) => n), ...Object.keys(FIXED)]);
  const ignored = Object.keys(env).filter((k) => k.startsWith('KONG_') && !used.has(k));
  return { configPath: configPath!, listen, statusListen, ignored };
}
