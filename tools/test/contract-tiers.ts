/**
 * The two halves of the contract tier (run-all.ts): consumer tests write the pact files, then
 * provider tests verify them. A contract test belongs to a half by its path, as jest's
 * `--testPathPatterns` sees it, so each file must name exactly one of the two roles.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** jest --testPathPatterns of the consumer tests (run first). */
export const CONSUMER_TESTS = 'consumer';
/** jest --testPathPatterns of the provider verifications (run once every pact is written). */
export const PROVIDER_TESTS = 'provider';

/** Every test of the jest `contract` project: services/<svc>/test/contract/**\/*.test.ts. */
export function contractTestFiles(root: string): string[] {
  const services = path.join(root, 'services');
  return readdirSync(services)
    .map((service) => path.join(services, service, 'test', 'contract'))
    .flatMap((dir) => {
      try {
        return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) =>
          path.join(dir, f),
        );
      } catch {
        return []; // a service without contract tests
      }
    })
    .filter((file) => file.endsWith('.test.ts'))
    .sort();
}

/** Which half runs `file`: the one whose pattern its path matches, alone. */
export function contractTier(file: string): 'consumer' | 'provider' | 'both' | 'none' {
  const consumer = new RegExp(CONSUMER_TESTS).test(file);
  const provider = new RegExp(PROVIDER_TESTS).test(file);
  if (consumer && provider) return 'both';
  return consumer ? 'consumer' : provider ? 'provider' : 'none';
}
