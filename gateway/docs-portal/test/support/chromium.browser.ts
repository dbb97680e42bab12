/**
 * Headless Chromium for the portal's browser test: Debian's `chromium` package, installed with
 * apt-get when missing (as tools/infra/ensure-servers.sh installs its servers), driven by
 * playwright-core with the flags that keep it offline and quiet on these machines.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

// No background traffic of its own (updates, sync, QUIC probes), so every request seen is a page's.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function aptGet(args: string[]): void {
  const asRoot = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const [command, ...rest] = [...asRoot, 'apt-get', ...args];
  execFileSync(command!, rest, {
    stdio: 'pipe',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: 600_000,
  });
}

/** The Chromium binary; installs the Debian package first if it is missing. */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  // Wait for a concurrent apt/dpkg run instead of failing on its lock.
  const install = ['-o', 'DPkg::Lock::Timeout=300', 'install', '-y', '-q', 'chromium'];
  try {
    aptGet(install);
  } catch {
    try {
      aptGet(['update', '-q']); // empty package lists on a fresh machine
      aptGet(install);
    } catch (error) {
      throw new Error(
        `${CHROMIUM} is missing and "apt-get install chromium" failed (${(error as Error).message.split('\n')[0]}); install it with: apt-get install -y chromium`,
      );
    }
  }
  if (!existsSync(CHROMIUM))
    throw new Error(`apt-get installed chromium but ${CHROMIUM} is missing`);
  return CHROMIUM;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** One headless Chromium with a throw-away profile. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = ensureChromium();
  const profile = mkdtempSync(path.join(os.tmpdir(), 'bazaar-docs-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
