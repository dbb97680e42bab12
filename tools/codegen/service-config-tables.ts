/**
 * Keeps each service README's configuration table in step with its config.ts (style rule 6): the
 * table between the config-table markers is rendered from the service's config definition. Run by
 * `make generate` (writes) and `make check-generated` (reports drift).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spliceConfigTable } from '../../platform/src/config/config-table';
import { serviceConfigDefinition } from '../lib/service-config';

export interface ConfigTableChange {
  readme: string;
  current: string;
  wanted: string;
}

/** The README table each service needs; only changed ones are returned. */
export async function configTableChanges(root: string): Promise<ConfigTableChange[]> {
  const servicesDir = path.join(root, 'services');
  if (!existsSync(servicesDir)) return [];
  const changes: ConfigTableChange[] = [];
  for (const service of readdirSync(servicesDir).sort()) {
    const configFile = path.join(servicesDir, service, 'src/config.ts');
    const readme = path.join(servicesDir, service, 'README.md');
    if (!existsSync(configFile) || !existsSync(readme)) continue;
    const current = readFileSync(readme, 'utf8');
    const wanted = spliceConfigTable(current, await serviceConfigDefinition(configFile));
    if (wanted !== current) changes.push({ readme: path.relative(root, readme), current, wanted });
  }
  return changes;
}

export function writeConfigTables(root: string, changes: ConfigTableChange[]): void {
  for (const change of changes) writeFileSync(path.join(root, change.readme), change.wanted);
}
