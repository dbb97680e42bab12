/**
 * Configuration of identity's command-line tools (services/identity/src/cli): they read only the
 * database and argon2id variables, from the same environment the service runs with. The service's
 * other IDENTITY_* variables are set aside rather than refused, while a misspelt one still is.
 */
import type { EnvSource } from '@bazaar/platform/config/index';
import { identityCliConfig, identityConfig, type IdentityCliConfig } from '../config';

/** Like main.ts, a command-line entry point is a place that may read the process environment. */
export function loadCliConfig(env: EnvSource = process.env): IdentityCliConfig {
  const cliNames = new Set(identityCliConfig.entries.map((entry) => entry.envName));
  const serviceOnly = new Set(
    identityConfig.entries.map((entry) => entry.envName).filter((name) => !cliNames.has(name)),
  );
  return identityCliConfig.load(
    Object.fromEntries(Object.entries(env).filter(([name]) => !serviceOnly.has(name))),
  );
}
