/**
 * Runs every check CI runs, in order, and prints the totals of every suite as the last line:
 * `N passed, M failed`. Jest tiers count their test cases; each gate (lint, typecheck, contract
 * checks, generated-code drift) counts as one test. `--only <step>` runs a single step.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PACT_DIR } from '../../tests/pact/pact-config';
import { CONSUMER_TESTS, PROVIDER_TESTS } from './contract-tiers';

type Outcome = { name: string; passed: number; failed: number; seconds: number };

const root = path.resolve(__dirname, '../..');
const scratch = path.join(root, '.tmp', 'test-results');
const workers = process.env.BAZAAR_TEST_WORKERS ?? '2';
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PACT_DO_NOT_TRACK: 'true', ...env },
  });
  return result.status ?? 1;
}

function gate(name: string, command: string, args: string[]): () => Outcome {
  return () => {
    const started = Date.now();
    const status = run(command, args);
    return {
      name,
      passed: status === 0 ? 1 : 0,
      failed: status === 0 ? 0 : 1,
      seconds: (Date.now() - started) / 1000,
    };
  };
}

type JestJson = {
  numPassedTests: number;
  numFailedTests: number;
  numRuntimeErrorTestSuites: number;
};

/** A jest run; suites that could not even run count as one failure each. */
function jest(name: string, args: string[]): () => Outcome {
  return () => {
    const started = Date.now();
    const output = path.join(scratch, `${name}.json`);
    rmSync(output, { force: true });
    const status = run(bin('jest'), [
      ...args,
      '--passWithNoTests',
      `--maxWorkers=${workers}`,
      '--json',
      `--outputFile=${output}`,
    ]);
    let passed = 0;
    let failed = 0;
    try {
      const report = JSON.parse(readFileSync(output, 'utf8')) as JestJson;
      passed = report.numPassedTests;
      failed = report.numFailedTests + report.numRuntimeErrorTestSuites;
    } catch {
      failed = 1; // jest crashed before writing its report
    }
    if (status !== 0 && failed === 0) failed = 1;
    return { name, passed, failed, seconds: (Date.now() - started) / 1000 };
  };
}

const steps: Record<string, () => Outcome> = {
  lint: gate('lint', bin('eslint'), ['.']),
  format: gate('format', bin('prettier'), ['--check', '.']),
  typecheck: gate('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']),
  'contracts-check': gate('contracts-check', bin('tsx'), ['tools/contracts/check-contracts.ts']),
  'check-generated': gate('check-generated', bin('tsx'), [
    'tools/codegen/generate-all.ts',
    '--check',
  ]),
  unit: jest('unit', ['--selectProjects', 'unit']),
  integration: jest('integration', ['--selectProjects', 'integration']),
  // Pact consumers write the pact files that the provider verifications then read. Pact merges
  // into an existing file, so the folder starts empty: an interaction or a consumer test removed
  // since the last run leaves no pact behind for a provider to go on verifying.
  'contract-consumers': () => {
    rmSync(PACT_DIR, { recursive: true, force: true });
    return jest('contract-consumers', [
      '--selectProjects',
      'contract',
      '--testPathPatterns',
      CONSUMER_TESTS,
    ])();
  },
  // With a Pact Broker, consumers publish there and providers verify from it (tests/pact).
  ...(process.env.PACT_BROKER_BASE_URL
    ? { 'contract-publish': gate('contract-publish', bin('tsx'), ['tests/pact/publish-pacts.ts']) }
    : {}),
  'contract-providers': jest('contract-providers', [
    '--selectProjects',
    'contract',
    '--testPathPatterns',
    PROVIDER_TESTS,
  ]),
  e2e: jest('e2e', ['--selectProjects', 'e2e']),
};

function main(): void {
  mkdirSync(scratch, { recursive: true });
  const onlyIndex = process.argv.indexOf('--only');
  const only = onlyIndex >= 0 ? process.argv[onlyIndex + 1] : undefined;
  const selected = Object.entries(steps).filter(
    ([name]) => !only || name === only || name.startsWith(`${only}-`),
  );
  if (selected.length === 0) {
    console.error(`unknown step "${only}"; steps: ${Object.keys(steps).join(', ')}`);
    process.exit(2);
  }
  const outcomes = selected.map(([name, step]) => {
    console.log(`\n==> ${name}`);
    return step();
  });
  console.log('\nSummary');
  for (const o of outcomes) {
    console.log(
      `  ${o.name.padEnd(20)} ${String(o.passed).padStart(5)} passed ${String(o.failed).padStart(4)} failed  ${o.seconds.toFixed(1)} s`,
    );
  }
  const passed = outcomes.reduce((sum, o) => sum + o.passed, 0);
  const failed = outcomes.reduce((sum, o) => sum + o.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main();
