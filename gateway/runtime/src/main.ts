/**
 * `bazaar-gateway`: the process entry of the Kong-compatible local gateway. Reads Kong's
 * environment variables and our flags, loads kong.yml, listens, and stops cleanly on SIGINT/SIGTERM.
 * The only file that reads process.env or exits the process.
 */
import { ConfigError } from './declarative-config/load-config';
import { resolveSettings, SETTINGS, SettingsError } from './gateway-settings';
import { KONG_VERSION } from './kong-version';
import { startGateway } from './start-gateway';

const HELP = `bazaar-gateway — runs a DB-less Kong ${KONG_VERSION} kong.yml without Kong (plain HTTP)

Usage: bazaar-gateway [--config <kong.yml>] [--listen "<ip>:<port>[, …]"] [--status-listen "<ip>:<port>"]

Environment (flags win):
${SETTINGS.map(([name, def, text]) => `  ${name.padEnd(24)} default ${def}\n      ${text}`).join('\n')}

A config this gateway cannot honour exactly (unknown plugin, unsupported field value) is refused
at start-up with the entity and field named. /metrics (prometheus plugin) is served on the status
listener, as in Kong.
`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  let settings;
  try {
    settings = resolveSettings(argv, process.env);
  } catch (err) {
    if (err instanceof SettingsError) {
      process.stderr.write(`bazaar-gateway: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  if (settings.ignored.length > 0) {
    process.stderr.write(
      `bazaar-gateway: ignoring settings with no effect here: ${settings.ignored.join(', ')}\n`,
    );
  }
  try {
    const gateway = await startGateway({
      configPath: settings.configPath,
      env: process.env,
      listen: settings.listen,
      statusListen: settings.statusListen,
    });
    const listeners = settings.listen.map((l) => `${l.host}:${l.port}`).join(', ');
    process.stdout.write(
      `bazaar-gateway (Kong ${KONG_VERSION} compatible) loaded ${settings.configPath}: ` +
        `${gateway.config.routes.length} routes, ${gateway.config.plugins.length} plugins; proxy on ${listeners}` +
        `${gateway.statusUrl ? `; status API on ${gateway.statusUrl}` : ''}\n`,
    );
    const stop = (): void => {
      gateway.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return -1;
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    process.stderr.write(`bazaar-gateway: ${(err as Error).message}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  if (code >= 0) process.exit(code);
});
