/**
 * Runs the docs portal's static server (what the gateway's /docs route points at):
 *   tsx gateway/docs-portal/serve-docs.ts [--root gateway/docs-portal/dist] [--host 127.0.0.1] [--port 8090]
 * Build the site first with `make docs`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { serveDocs } from './src/docs-server';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

async function main(): Promise<void> {
  const root = path.resolve(option('--root', path.join(__dirname, 'dist')));
  if (!existsSync(path.join(root, 'index.html')))
    throw new Error(`${root} has no index.html: run make docs first`);
  const port = Number(option('--port', process.env.BAZAAR_DOCS_PORT ?? '8090'));
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a TCP port, got ${port}`);
  const server = await serveDocs({ root, host: option('--host', '127.0.0.1'), port });
  console.log(`docs portal on ${server.baseUrl}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(`serve-docs: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
