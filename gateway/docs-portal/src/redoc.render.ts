/**
 * Renders one API reference page per public OpenAPI document with Redoc 3, through
 * `redocly build-docs` (server-side rendered, then hydrated in the browser). The pages must work
 * offline, so they load Redoc's script from one shared local copy (`assets/redoc.standalone.js`)
 * instead of Redocly's CDN, and that copy no longer points the sidebar logo at the CDN.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { raw } from './html.template';
import type { PublicApi } from './openapi.public';
import { page, type SiteContext } from './site.layout';

const run = promisify(execFile);

export const REDOC_ASSET = 'assets/redoc.standalone.js';
const CDN_SCRIPT = /https:\/\/cdn\.redocly\.com\/redoc\/v[^"/]+\/bundles\/redoc\.standalone\.js/g;
// Redoc 3 shows Redocly's logo from this CDN in the sidebar footer; an empty image keeps it local.
const CDN_LOGOS = [
  'https://cdn.redoc.ly/redoc/logo-mini-full.svg',
  'https://cdn.redoc.ly/redoc/logo-mini.svg',
];
const EMPTY_SVG = 'data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E';

function redoclyCli(): { cli: string; bundle: string } {
  const dir = path.dirname(require.resolve('@redocly/cli/package.json'));
  return {
    cli: path.join(dir, 'bin/cli.js'),
    bundle: path.join(dir, 'lib/chunks/redoc.standalone.js'),
  };
}

/** The Redoc browser bundle, made offline; returns its bytes for the SRI hash of every page. */
export function offlineRedocBundle(): string {
  const { bundle } = redoclyCli();
  let source = readFileSync(bundle, 'utf8');
  for (const url of CDN_LOGOS) {
    if (!source.includes(url))
      throw new Error(
        `${bundle} no longer references ${url}: the Redoc version changed, re-check what it loads from the network`,
      );
    source = source.split(url).join(EMPTY_SVG);
  }
  const left = /https:\/\/cdn\.redoc(ly\.com\/redoc|\.ly)[^`'"]*/.exec(source);
  if (left) throw new Error(`${bundle} still loads ${left[0]} from the network`);
  return source;
}

function integrity(source: string): string {
  return `sha384-${createHash('sha384').update(source).digest('base64')}`;
}

/** Points a page built by `redocly build-docs` at the local bundle (script import + preload). */
export function useLocalBundle(pageHtml: string, bundleSource: string, where: string): string {
  const found = pageHtml.match(CDN_SCRIPT) ?? [];
  if (found.length !== 2)
    throw new Error(
      `${where}: expected the Redoc CDN script twice (modulepreload + import), found ${found.length}; the build-docs output format changed`,
    );
  return pageHtml
    .replace(CDN_SCRIPT, `../${REDOC_ASSET}`)
    .replace(/integrity="sha384-[^"]+"/, `integrity="${integrity(bundleSource)}"`);
}

/**
 * In the browser Redoc routes with the URL hash (`#/cart/getcart`), but its server-side render
 * writes router paths as absolute hrefs (`/cart`), which hydration does not rewrite: opened in a
 * new tab they would leave the site. Give them the hash form the client uses.
 */
export function hashRouterLinks(pageHtml: string): string {
  return pageHtml.replace(/ href="\/(?!\/)/g, ' href="#/');
}

function redocTemplate(site: SiteContext): string {
  return page({
    site,
    title: '{{title}}',
    root: '../',
    active: 'api',
    kind: 'redoc',
    headExtra: raw('{{{redocHead}}}'),
    main: raw('<div class="bz-redoc-root">{{{redocHTML}}}</div>'),
  });
}

export interface RedocJob {
  api: PublicApi;
  /** Where the page goes. */
  output: string;
}

/**
 * Builds every page, at most `concurrency` `redocly` processes at a time (each takes ~1 s of CPU).
 * `workDir` receives the inputs (public document, template); nothing there is needed afterwards.
 */
export async function renderRedocPages(
  jobs: RedocJob[],
  site: SiteContext,
  workDir: string,
  bundleSource: string,
  concurrency = 2,
): Promise<void> {
  const { cli } = redoclyCli();
  const template = path.join(workDir, 'redoc-template.hbs');
  writeFileSync(template, redocTemplate(site));
  const queue = [...jobs];
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const { api } = job;
      const input = path.join(workDir, `${api.service}.openapi.json`);
      const built = path.join(workDir, `${api.service}.redoc.html`);
      writeFileSync(input, JSON.stringify(api.document));
      const options = {
        downloadUrls: [
          { title: 'OpenAPI (YAML)', url: `../contracts/openapi/${api.service}.yaml` },
          { title: 'OpenAPI (JSON)', url: `../contracts/openapi/${api.service}.json` },
        ],
        jsonSamplesExpandLevel: 3,
        sortRequiredPropsFirst: true,
      };
      const args = [cli, 'build-docs', input, '-o', built, '-t', template];
      args.push('--title', `${api.title} · Bazaar API docs`, '--lint-config', 'off');
      args.push('--openapi', JSON.stringify(options));
      try {
        await run(process.execPath, args, {
          cwd: workDir, // no stray redocly.yaml is picked up
          env: {
            ...process.env,
            // No telemetry from the build nor from readers' browsers, no update check.
            REDOCLY_TELEMETRY: 'off',
            REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
            NO_COLOR: '1',
          },
          maxBuffer: 16 * 1024 * 1024,
        });
      } catch (error) {
        const e = error as { stderr?: string; message: string };
        throw new Error(`redocly build-docs failed for ${api.service}: ${e.stderr || e.message}`);
      }
      const where = `api/${api.service}.html`;
      const pageHtml = useLocalBundle(readFileSync(built, 'utf8'), bundleSource, where);
      writeFileSync(job.output, hashRouterLinks(pageHtml));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}
