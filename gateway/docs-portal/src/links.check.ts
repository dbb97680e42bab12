/**
 * Checks the relative links of the portal's own pages before the site is published: every href
 * must name a file of the site, and every `#fragment` an id on the target page. Redoc pages are
 * targets but not checked as sources (Redoc routes inside the page itself).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const idsCache = new Map<string, Set<string>>();

function idsOf(file: string): Set<string> {
  let ids = idsCache.get(file);
  if (!ids) {
    const text = readFileSync(file, 'utf8');
    ids = new Set([...text.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
    idsCache.set(file, ids);
  }
  return ids;
}

/** Broken links of `pages` (paths relative to `siteDir`), as "page: href (reason)" lines. */
export function brokenLinks(siteDir: string, pages: string[]): string[] {
  idsCache.clear();
  const problems: string[] = [];
  for (const pagePath of pages) {
    const file = path.join(siteDir, pagePath);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      const href = match[1]!.replace(/&amp;/g, '&');
      if (/^(https?:|mailto:|data:)/.test(href)) continue;
      if (href.startsWith('/')) {
        problems.push(`${pagePath}: ${href} (absolute paths break under a prefix such as /docs)`);
        continue;
      }
      const [target, fragment] = href.split('#') as [string, string | undefined];
      const targetFile = target ? path.join(path.dirname(file), decodeURI(target)) : file;
      if (!targetFile.startsWith(siteDir + path.sep) || !existsSync(targetFile)) {
        problems.push(`${pagePath}: ${href} (no such file in the site)`);
      } else if (fragment && targetFile.endsWith('.html') && !idsOf(targetFile).has(fragment)) {
        // Redoc pages route fragments themselves (#/tag/operation); only our own ids are checked.
        if (!fragment.startsWith('/'))
          problems.push(`${pagePath}: ${href} (no element with id "${fragment}")`);
      }
    }
  }
  return problems;
}
