/**
 * The contract tier runs every consumer before every provider, and verifies every pact: each
 * contract test names exactly one role, every provider a consumer test writes a pact for has a
 * verification, and each verification lists exactly the consumers that write it a pact (so a
 * missing pact file fails it).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { contractTestFiles, contractTier } from './contract-tiers';

const root = path.resolve(__dirname, '../..');
const files = contractTestFiles(root);
const relative = (file: string) => path.relative(root, file);

/** consumer → provider of every `new PactV4({ consumer, provider })` in the consumer tests. */
function pactsWritten(): { consumer: string; provider: string; file: string }[] {
  return files
    .filter((file) => contractTier(file) === 'consumer')
    .flatMap((file) =>
      [
        ...readFileSync(file, 'utf8').matchAll(
          /new PactV4\(\{\s*consumer:\s*'([^']+)',\s*provider:\s*'([^']+)'/g,
        ),
      ].map(([, consumer, provider]) => ({ consumer: consumer!, provider: provider!, file })),
    );
}

/** provider → the consumers its verification expects, from `PROVIDER` and `consumers: [...]`. */
function verifications(): Map<string, { consumers: string[]; file: string }> {
  const found = new Map<string, { consumers: string[]; file: string }>();
  for (const file of files.filter((f) => contractTier(f) === 'provider')) {
    const source = readFileSync(file, 'utf8');
    const provider = /const PROVIDER = '([^']+)'/.exec(source)?.[1];
    const listed = /consumers:\s*\[([^\]]*)\]/.exec(source)?.[1];
    if (!provider) throw new Error(`${relative(file)} names no PROVIDER`);
    found.set(provider, {
      consumers: [...(listed ?? '').matchAll(/'([^']+)'/g)].map(([, name]) => name!).sort(),
      file,
    });
  }
  return found;
}

describe('the contract tier', () => {
  it('finds the contract tests', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map(relative))('runs %s in exactly one half', (file) => {
    expect(['consumer', 'provider']).toContain(contractTier(path.join(root, file)));
  });

  it('verifies every pact a consumer test writes, expecting exactly its consumers', () => {
    const expected = new Map<string, Set<string>>();
    for (const { consumer, provider } of pactsWritten())
      expected.set(provider, (expected.get(provider) ?? new Set()).add(consumer));
    const verified = verifications();
    const listed = Object.fromEntries(
      [...expected.keys()].sort().map((provider) => [provider, verified.get(provider)?.consumers]),
    );
    expect(listed).toEqual(
      Object.fromEntries(
        [...expected.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([provider, consumers]) => [provider, [...consumers].sort()]),
      ),
    );
  });
});
