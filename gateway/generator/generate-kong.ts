/**
 * `make kong`: writes kong/kong.yml from contracts/openapi/*.yaml and kong/overlays/*.yaml
 * (decK format 3.0, openapi2kong conventions; see kong/README.md). `--check` writes nothing and
 * exits 1 when kong/kong.yml differs from what would be generated.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateKongConfig, KONG_YML } from './src/build-kong-config';

async function main(argv: string[]): Promise<number> {
  const root = path.resolve(__dirname, '../..');
  const target = path.join(root, KONG_YML);
  const { config, text } = await generateKongConfig(root);
  if (argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // A missing file is drift like any other.
    }
    if (current === text) {
      console.log(`kong: ${KONG_YML} is up to date`);
      return 0;
    }
    console.error(`kong: ${KONG_YML} is out of date; run make kong`);
    return 1;
  }
  writeFileSync(target, text);
  const routes = config.services.reduce((n, s) => n + s.routes.length, 0);
  console.log(
    `kong: wrote ${KONG_YML} (${config.services.length} services, ${routes} routes, ` +
      `${config.plugins?.length ?? 0} global plugins, ${config.consumers?.length ?? 0} consumers)`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`kong: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
