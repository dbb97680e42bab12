/**
 * Where consumer-driven contracts live and how providers find them: consumer tests write pact
 * files into one folder (pacts/, gitignored) that every provider verification reads; with
 * PACT_BROKER_BASE_URL set, consumers publish to that Pact Broker and providers verify from it.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { VerifierOptions } from '@pact-foundation/pact';

export const PACT_DIR = path.resolve(__dirname, '../../pacts');

/** Options every consumer test passes to `new PactV4({ consumer, provider, ...pactFileOptions })`. */
export const pactFileOptions = {
  dir: PACT_DIR,
  logLevel: (process.env.PACT_LOG_LEVEL ?? 'warn') as 'warn',
};

function git(...args: string[]): string | undefined {
  try {
    return (
      execFileSync('git', args, {
        cwd: __dirname,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim() || undefined
    );
  } catch {
    return undefined;
  }
}

/** The version a participant publishes or verifies as: PACT_VERSION, else the commit (+dirty). */
export function participantVersion(): string {
  if (process.env.PACT_VERSION) return process.env.PACT_VERSION;
  const commit = git('rev-parse', '--short=12', 'HEAD') ?? 'uncommitted';
  return git('status', '--porcelain') ? `${commit}+dirty` : commit;
}

export function participantBranch(): string | undefined {
  return process.env.PACT_BRANCH ?? git('rev-parse', '--abbrev-ref', 'HEAD');
}

/** Broker settings from the environment, or undefined to use the local pact folder. */
export function brokerSettings():
  { url: string; token?: string; username?: string; password?: string } | undefined {
  const url = process.env.PACT_BROKER_BASE_URL;
  if (!url) return undefined;
  return {
    url,
    ...(process.env.PACT_BROKER_TOKEN ? { token: process.env.PACT_BROKER_TOKEN } : {}),
    ...(process.env.PACT_BROKER_USERNAME ? { username: process.env.PACT_BROKER_USERNAME } : {}),
    ...(process.env.PACT_BROKER_PASSWORD ? { password: process.env.PACT_BROKER_PASSWORD } : {}),
  };
}

/**
 * Where a provider verification reads its pacts: the files every consumer of `provider` wrote
 * into PACT_DIR, or (with a broker) the pacts of the main branch and deployed versions, results
 * published back.
 */
export function pactSource(provider: string, pactFiles: () => string[]): Partial<VerifierOptions> {
  const broker = brokerSettings();
  if (!broker) return { pactUrls: pactFiles() };
  return {
    provider,
    pactBrokerUrl: broker.url,
    ...(broker.token ? { pactBrokerToken: broker.token } : {}),
    ...(broker.username
      ? { pactBrokerUsername: broker.username, pactBrokerPassword: broker.password }
      : {}),
    consumerVersionSelectors: [
      { mainBranch: true },
      { deployedOrReleased: true },
      { matchingBranch: true },
    ],
    enablePending: true,
    publishVerificationResult: process.env.CI === 'true',
    providerVersion: participantVersion(),
    ...(participantBranch() ? { providerVersionBranch: participantBranch() } : {}),
  };
}
