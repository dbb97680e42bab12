/**
 * Finds a service's runtime configuration definition (services/<svc>/src/config.ts): the one
 * exported defineConfig result not meant for a CLI. Used to render README tables and to launch
 * services with exactly the variables they declare.
 */
import type { ConfigDefinition, ConfigSpec } from '../../platform/src/config/define-config';

function isConfigDefinition(value: unknown): value is ConfigDefinition<ConfigSpec> {
  const v = value as Partial<ConfigDefinition<ConfigSpec>> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.prefix === 'string' &&
    typeof v.load === 'function'
  );
}

export async function serviceConfigDefinition(
  configFile: string,
): Promise<ConfigDefinition<ConfigSpec>> {
  const module = (await import(configFile)) as Record<string, unknown>;
  const definitions = Object.entries(module).filter(
    ([name, value]) => isConfigDefinition(value) && !/Cli/.test(name),
  );
  if (definitions.length !== 1) {
    throw new Error(
      `${configFile}: expected one exported config definition, found ${definitions.map(([n]) => n).join(', ') || 'none'}`,
    );
  }
  return definitions[0]![1] as ConfigDefinition<ConfigSpec>;
}
