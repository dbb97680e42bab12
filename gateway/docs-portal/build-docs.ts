/**
 * `make docs`: builds the static docs portal (API reference, event catalogue, gRPC reference,
 * getting-started guide, contract downloads) from contracts/ into gateway/docs-portal/dist/, which
 * the gateway serves at /docs. Offline: nothing is fetched at build or view time.
 *
 *   npx tsx gateway/docs-portal/build-docs.ts [--out <dir>] [--gateway-url <url>]
 *
 * --out          where the site goes (default gateway/docs-portal/dist); replaced as a whole
 * --gateway-url  base URL shown to readers and used in examples (default http://localhost:8000)
 */
import path from 'node:path';
import { parseArgs } from './src/build-options';
import { buildSite } from './src/build-site';

const REPO_ROOT = path.resolve(__dirname, '../..');

async function main(): Promise<void> {
  const started = performance.now();
  const { outDir, gatewayUrl } = parseArgs(process.argv.slice(2), path.join(__dirname, 'dist'));
  const result = await buildSite({ repoRoot: REPO_ROOT, outDir, gatewayUrl });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const phases = Object.entries(result.timings)
    .map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)} s`)
    .join(', ');
  console.log(
    `docs portal: ${result.pages.length} pages (${result.operations} operations, ${result.events} events, ${result.rpcs} rpcs), ${result.downloads.length} contract files → ${path.relative(process.cwd(), outDir) || '.'} in ${seconds} s (${phases})`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`make docs: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
