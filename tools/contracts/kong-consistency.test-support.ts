// Test support for the Kong gate suites: loads the contracts and the generated kong.yml once per
// suite, and runs the real gate on mutated copies written to a temp dir.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { generateKongConfig, loadContracts } from '../../gateway/generator/src/build-kong-config';
import { toKongYaml } from '../../gateway/generator/src/kong-yaml';
import type { ServiceContract } from '../codegen/lib/openapi-model';
import { kongConsistencyGate } from './kong-consistency';
import { REPO_ROOT } from './run-command';

/* eslint-disable @typescript-eslint/no-explicit-any -- mutating parsed YAML */
export type Config = any;

export const suite: { contracts: ServiceContract[]; expectedText: string; dir: string } = {
  contracts: [],
  expectedText: '',
  dir: '',
};

/** Registers beforeAll/afterAll hooks that prepare `suite` and remove its temp dir. */
export function useKongGateSuite(): void {
  beforeAll(async () => {
    suite.contracts = await loadContracts(REPO_ROOT);
    suite.expectedText = (await generateKongConfig(REPO_ROOT, suite.contracts)).text;
    suite.dir = mkdtempSync(path.join(os.tmpdir(), 'kong-gate-'));
  }, 60_000);
  afterAll(() => rmSync(suite.dir, { recursive: true, force: true }));
}

/** Back from the rendered-for-decK form to the whole-value template toKongYaml expects. */
function unindentTemplates(value: unknown): unknown {
  if (typeof value === 'string')
    return value.replace(/^\$\{\{ env "(DECK_\w+)" \| indent \d+ \}\}$/, '${{ env "$1" }}');
  if (Array.isArray(value)) return value.map(unindentTemplates);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unindentTemplates(v)]));
  return value;
}

let counter = 0;
export async function gateOn(mutate: (config: Config) => void) {
  const config = unindentTemplates(parse(suite.expectedText)) as Config;
  mutate(config);
  const file = `kong-${++counter}.yml`;
  writeFileSync(path.join(suite.dir, file), toKongYaml(config));
  return kongConsistencyGate(suite.dir, {
    kongYml: file,
    contracts: suite.contracts,
    expectedText: suite.expectedText,
  });
}

export const service = (c: Config, name: string) => c.services.find((s: Config) => s.name === name);
export const route = (c: Config, svc: string, name: string) =>
  service(c, svc).routes.find((r: Config) => r.name === name);

export function newRoute(
  name: string,
  methods: string[],
  regexPath: string,
  plugins: Config[] = [],
) {
  return {
    name,
    methods,
    paths: [regexPath],
    plugins,
    regex_priority: 100,
    strip_path: false,
    tags: [],
  };
}
