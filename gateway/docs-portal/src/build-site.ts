/**
 * Builds the whole docs portal from the contracts into a staging folder, checks its links, then
 * swaps it into place, so a server never sees a half-built site. Called by build-docs.ts
 * (`make docs`) and by the portal's tests.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contractsPage } from './contracts.page';
import { writeContractDownloads, type Download } from './contracts.downloads';
import { loadEventCatalogue } from './events.model';
import { eventsPage } from './events.page';
import { gettingStartedPage } from './getting-started.page';
import { loadProtoFiles } from './grpc.model';
import { grpcPage } from './grpc.page';
import { indexPage } from './index.page';
import { brokenLinks } from './links.check';
import { loadPublicApis } from './openapi.public';
import { offlineRedocBundle, REDOC_ASSET, renderRedocPages } from './redoc.render';
import type { SiteContext } from './site.layout';

export const ASSETS_DIR = path.join(__dirname, '../assets');
/** A file every built site holds, so a rebuild only ever deletes a folder this build made. */
export const SITE_MARKER = '.bazaar-docs-portal';

export interface BuildOptions {
  repoRoot: string;
  outDir: string;
  /** Base URL readers call, shown in the references and examples. Default http://localhost:8000. */
  gatewayUrl: string;
  /** How many `redocly build-docs` processes run at once. Default 2. */
  concurrency?: number;
}

export interface BuildResult {
  pages: string[];
  downloads: Download[];
  events: number;
  operations: number;
  rpcs: number;
  /** Milliseconds per phase. */
  timings: Record<string, number>;
}

async function timed<T>(
  timings: Record<string, number>,
  phase: string,
  work: () => Promise<T> | T,
): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    timings[phase] = Math.round(performance.now() - start);
  }
}

function assertReplaceable(outDir: string): void {
  if (!existsSync(outDir)) return;
  const entries = readdirSync(outDir);
  if (entries.length > 0 && !entries.includes(SITE_MARKER))
    throw new Error(
      `${outDir} exists and was not built by the docs portal (no ${SITE_MARKER}); refusing to replace it`,
    );
}

function replaceSite(staging: string, outDir: string): void {
  assertReplaceable(outDir);
  rmSync(outDir, { recursive: true, force: true });
  renameSync(staging, outDir);
}

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const timings: Record<string, number> = {};
  const { repoRoot, gatewayUrl } = options;
  const outDir = path.resolve(options.outDir);
  assertReplaceable(outDir); // before spending the build on it
  const [apis, catalogue, protoFiles] = await timed(timings, 'read contracts', () =>
    Promise.all([
      loadPublicApis(repoRoot, gatewayUrl),
      loadEventCatalogue(repoRoot),
      loadProtoFiles(repoRoot),
    ]),
  );
  const site: SiteContext = {
    gatewayUrl,
    services: apis.map((a) => ({ service: a.service, title: a.title.replace(/^Bazaar /, '') })),
  };
  mkdirSync(path.dirname(outDir), { recursive: true });
  // Beside the output (so the final rename stays on one file system), in a gitignored .tmp folder.
  const staging = path.join(path.dirname(outDir), '.tmp', `docs-staging-${process.pid}`);
  const work = path.join(os.tmpdir(), `bazaar-docs-${process.pid}-${Date.now()}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(path.join(staging, 'api'), { recursive: true });
  mkdirSync(work, { recursive: true });
  try {
    cpSync(ASSETS_DIR, path.join(staging, 'assets'), { recursive: true });
    const bundle = offlineRedocBundle();
    writeFileSync(path.join(staging, REDOC_ASSET), bundle);
    // Redoc (separate processes) runs while this process writes the rest.
    const [, { downloads, ownPages }] = await Promise.all([
      timed(timings, 'api reference (redoc)', () =>
        renderRedocPages(
          apis.map((api) => ({ api, output: path.join(staging, 'api', `${api.service}.html`) })),
          site,
          work,
          bundle,
          options.concurrency,
        ),
      ),
      (async () => {
        const downloads = await timed(timings, 'contract downloads', () =>
          writeContractDownloads(repoRoot, staging, apis, protoFiles),
        );
        const ownPages: Record<string, string> = await timed(timings, 'portal pages', () => ({
          'index.html': indexPage(apis, catalogue, protoFiles, site),
          'getting-started.html': gettingStartedPage(apis, site),
          'events.html': eventsPage(catalogue, site),
          'grpc.html': grpcPage(protoFiles, site),
          'contracts/index.html': contractsPage(downloads, site),
        }));
        for (const [file, text] of Object.entries(ownPages))
          writeFileSync(path.join(staging, file), text);
        return { downloads, ownPages };
      })(),
    ]);
    const broken = brokenLinks(staging, Object.keys(ownPages));
    if (broken.length > 0)
      throw new Error(`broken links in the docs portal:\n  ${broken.join('\n  ')}`);
    writeFileSync(
      path.join(staging, SITE_MARKER),
      'Built by gateway/docs-portal/build-docs.ts; safe to delete.\n',
    );
    replaceSite(staging, outDir);
    return {
      pages: [...Object.keys(ownPages), ...apis.map((a) => `api/${a.service}.html`)],
      downloads,
      events: catalogue.events.length,
      operations: apis.reduce((n, a) => n + a.operations.length, 0),
      rpcs: protoFiles.flatMap((f) => f.services.flatMap((s) => s.rpcs)).length,
      timings,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(staging, { recursive: true, force: true });
    try {
      rmdirSync(path.dirname(staging)); // the .tmp folder, unless another build is using it
    } catch {
      // not empty or already gone
    }
  }
}
