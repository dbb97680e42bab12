/** Finds the pact files in PACT_DIR that a provider must verify (one per consumer). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PACT_DIR } from './pact-config';

type PactFile = { consumer: { name: string }; provider: { name: string } };

/** Every pact in PACT_DIR whose provider is `provider`; fails loudly when there is none. */
export function pactFilesFor(provider: string, dir: string = PACT_DIR): string[] {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
  const matching = files
    .map((f) => path.join(dir, f))
    .filter(
      (file) => (JSON.parse(readFileSync(file, 'utf8')) as PactFile).provider.name === provider,
    )
    .sort();
  if (matching.length === 0) {
    throw new Error(
      `no pact for provider "${provider}" in ${dir}: run the consumer tests first (make test-contract runs consumers, then providers)`,
    );
  }
  return matching;
}
