/**
 * The one place platform code reads `process.env`: a service's `main.ts` calls this; tests call
 * `definition.load(env)` with an explicit object instead (style rule 6).
 */
import { type ConfigDefinition, type ConfigSpec, type ConfigValues } from './define-config';

/** Loads `definition` from the process environment; throws ConfigError listing every problem. */
export function loadConfigFromProcessEnv<S extends ConfigSpec>(
  definition: ConfigDefinition<S>,
): ConfigValues<S> {
  return definition.load(process.env);
}
