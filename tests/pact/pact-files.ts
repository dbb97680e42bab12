/** Finds the pact files in PACT_DIR that a provider must verify (one per consumer). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PACT_DIR } from './pact-config';

type PactFile = { consumer: { name: string }; provider: { name: string } };

export interface PactFilesOptions {
  /** Where to look; PACT_DIR by default. */
  dir?: string;
  /**
   * The consumers known to have a pact with this provider: a missing one fails the verification
   * instead of letting it pass on the pacts of the others (a consumer test that did not run).
   */
  consumers?: readonly string[];
}

/** Every pact in the pact folder whose provider is `provider`; fails loudly when one is missing. */
export function pactFilesFor(provider: string, options: PactFilesOptions = {}): string[] {
  const dir = options.dir ?? PACT_DIR;
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
  const matching = files
    .map((f) => path.join(dir, f))
    .map((file) => ({ file, pact: JSON.parse(readFileSync(file, 'utf8')) as PactFile }))
    .filter(({ pact }) => pact.provider.name === provider)
    .sort((a, b) => a.file.localeCompare(b.file));
  if (matching.length === 0) {
    throw new Error(
      `no pact for provider "${provider}" in ${dir}: run the consumer tests first (make test-contract runs consumers, then providers)`,
    );
  }
  const found = new Set(matching.map(({ pact }) => pact.consumer.name));
  const missing = (options.consumers ?? []).filter((consumer) => !found.has(consumer));
  if (missing.length > 0) {
    throw new Error(
      `no pact of ${missing.map((c) => `"${c}"`).join(', ')} with provider "${provider}" in ${dir}: run the consumer tests first (make test-contract runs consumers, then providers)`,
    );
  }
  return matching.map(({ file }) => file);
}
