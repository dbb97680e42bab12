/**
 * The raw contracts the portal offers for download under contracts/: each public OpenAPI document
 * (bundled, JSON and YAML), each AsyncAPI document bundled into one self-contained YAML file
 * (its cross-file $refs pulled in), and the .proto files as written.
 */
import $RefParser from '@apidevtools/json-schema-ref-parser';
import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { copyFileSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { listAsyncApiServices, ASYNCAPI_DIR } from '../../../tools/codegen/lib/asyncapi-model';
import { PROTO_DIR, type ProtoFile } from './grpc.model';
import type { PublicApi } from './openapi.public';

export interface Download {
  kind: 'OpenAPI' | 'AsyncAPI' | 'protobuf';
  /** Path under the site root, e.g. contracts/openapi/cart.yaml. */
  href: string;
  title: string;
  bytes: number;
}

function write(outDir: string, href: string, text: string): number {
  const file = path.join(outDir, href);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return Buffer.byteLength(text);
}

function yamlFile(comment: string, document: unknown): string {
  // aliasDuplicateObjects off: a YAML reader without anchor support must see plain objects.
  return `# ${comment}\n${stringify(document, { lineWidth: 100, aliasDuplicateObjects: false })}`;
}

/** One AsyncAPI document with its cross-file $refs pulled in, checked to still parse. */
async function bundleAsyncApi(repoRoot: string, service: string): Promise<unknown> {
  const source = path.join(repoRoot, ASYNCAPI_DIR, `${service}.yaml`);
  const bundled = await $RefParser.bundle(source, { resolve: { http: false } });
  const parser = new Parser({ ruleset: { core: false, recommended: false } });
  const { document, diagnostics } = await parser.parse(JSON.stringify(bundled));
  const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
  if (!document || errors.length > 0)
    throw new Error(
      `${ASYNCAPI_DIR}/${service}.yaml does not parse once bundled: ${errors.map((d) => d.message).join('; ')}`,
    );
  return bundled;
}

export async function writeContractDownloads(
  repoRoot: string,
  outDir: string,
  apis: PublicApi[],
  protoFiles: ProtoFile[],
): Promise<Download[]> {
  const downloads: Download[] = [];
  for (const api of apis) {
    const base = `contracts/openapi/${api.service}`;
    const what = `${api.title} ${api.version}: public OpenAPI document, bundled from contracts/openapi/${api.service}.yaml.`;
    downloads.push(
      {
        kind: 'OpenAPI',
        href: `${base}.yaml`,
        title: api.title,
        bytes: write(outDir, `${base}.yaml`, yamlFile(what, api.document)),
      },
      {
        kind: 'OpenAPI',
        href: `${base}.json`,
        title: api.title,
        bytes: write(outDir, `${base}.json`, `${JSON.stringify(api.document, null, 2)}\n`),
      },
    );
  }
  const services = listAsyncApiServices(repoRoot);
  const bundles = await Promise.all(services.map((s) => bundleAsyncApi(repoRoot, s)));
  services.forEach((service, i) => {
    const href = `contracts/asyncapi/${service}.yaml`;
    const doc = bundles[i] as { info?: { title?: string } };
    const what = `AsyncAPI document of the ${service} service, bundled from ${ASYNCAPI_DIR}/${service}.yaml.`;
    downloads.push({
      kind: 'AsyncAPI',
      href,
      title: doc.info?.title ?? service,
      bytes: write(outDir, href, yamlFile(what, doc)),
    });
  });
  for (const file of protoFiles) {
    const href = `contracts/proto/${file.path}`;
    const target = path.join(outDir, href);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(repoRoot, PROTO_DIR, file.path), target);
    downloads.push({
      kind: 'protobuf',
      href,
      title: `${file.package}`,
      bytes: statSync(target).size,
    });
  }
  return downloads;
}
