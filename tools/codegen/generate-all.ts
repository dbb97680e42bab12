/**
 * `make generate`: turns every contract under contracts/ into generated/ (HTTP types, clients and
 * server bindings, @bazaar/sdk, gRPC stubs, event types and registry). Deterministic: running it
 * twice changes nothing. `--check` compares instead of writing (used by `make check-generated`).
 */
import { GENERATED_DIR, GeneratedFiles, REPO_ROOT } from './lib/generated-files';
import { listOpenApiServices, loadServiceContract } from './lib/openapi-model';
import { generateHttp } from './generate-http';
import { generateSdk } from './generate-sdk';
import { generateGrpc } from './generate-grpc';
import { generateEvents } from './generate-events';
import { loadEventContracts } from './lib/asyncapi-model';
import { configTableChanges, writeConfigTables } from './service-config-tables';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface GenerateOptions {
  /** The tree whose contracts/ is read (default: this repository). */
  root?: string;
  /** Only these services (OpenAPI and AsyncAPI documents); protos are always generated. */
  only?: string[];
}

export async function generateAll({
  root = REPO_ROOT,
  only,
}: GenerateOptions = {}): Promise<GeneratedFiles> {
  const files = new GeneratedFiles();
  const services = listOpenApiServices(root).filter((s) => !only || only.includes(s));
  const contracts = await Promise.all(services.map((s) => loadServiceContract(root, s)));
  await files.add(
    'package.json',
    readFileSync(path.join(__dirname, 'templates/generated.package.json'), 'utf8'),
  );
  await files.add(
    'README.md',
    readFileSync(path.join(__dirname, 'templates/generated.README.md'), 'utf8'),
  );
  await generateHttp(files, contracts);
  await generateSdk(files, contracts);
  await generateGrpc(files, root);
  await generateEvents(files, await loadEventContracts(root, only));
  return files;
}

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const started = Date.now();
  // `--only a,b` generates a subset (e.g. while contracts are being written); never with --check.
  const only = flag('--only')?.split(',');
  // `--root <dir> --out <dir>` generate another tree's contracts elsewhere (used by tests).
  const root = flag('--root') ? path.resolve(flag('--root')!) : REPO_ROOT;
  const out = flag('--out') ? path.resolve(flag('--out')!) : GENERATED_DIR;
  if ((only || root !== REPO_ROOT) && process.argv.includes('--check')) {
    throw new Error(
      '--check compares the whole repository; it cannot be combined with --only or --root',
    );
  }
  const files = await generateAll({ root, only });
  if (process.argv.includes('--check')) {
    const { added, changed, removed } = files.diff(out);
    const readmes = await configTableChanges(root);
    const drift = [
      ...readmes.map((c) => `~ ${c.readme} (configuration table)`),
      ...added.map((f) => `+ ${f}`),
      ...changed.map((f) => `~ ${f}`),
      ...removed.map((f) => `- ${f}`),
    ];
    if (drift.length > 0) {
      console.error(
        `generated/ is out of date with the contracts (${drift.length} files); run make generate:\n${drift.join('\n')}`,
      );
      process.exit(1);
    }
    console.log(
      `generated/ matches the contracts (${files.entries().length} files, ${Date.now() - started} ms)`,
    );
    return;
  }
  const { written, removed } = files.writeTo(out);
  if (root === REPO_ROOT && out === GENERATED_DIR) {
    const readmes = await configTableChanges(root);
    writeConfigTables(root, readmes);
    for (const change of readmes)
      console.log(`updated the configuration table of ${change.readme}`);
  }
  console.log(
    `generated ${files.entries().length} files (${written} written, ${removed.length} removed) in ${Date.now() - started} ms`,
  );
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
