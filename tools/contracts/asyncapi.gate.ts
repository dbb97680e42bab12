// Gate 3 of `make contracts-check`: validates every AsyncAPI document under contracts/asyncapi with
// validateAsyncApiContracts (validate-asyncapi.ts) and turns its diagnostics into the gate report;
// errors fail the gate, warnings are printed.
import path from 'node:path';
import { type GateOutcome } from './contract-types';
import { REPO_ROOT } from './run-command';
import { type ContractDiagnostic, validateAsyncApiContracts } from './validate-asyncapi';

export type AsyncApiValidator = (dir?: string) => Promise<ContractDiagnostic[]>;

export async function asyncApiGate(
  root = REPO_ROOT,
  validate: AsyncApiValidator = validateAsyncApiContracts,
): Promise<GateOutcome> {
  const started = Date.now();
  const dir = path.join(root, 'contracts', 'asyncapi');
  let diagnostics: ContractDiagnostic[];
  try {
    diagnostics = await validate(dir);
  } catch (error) {
    diagnostics = [
      { file: dir, message: `validator crashed: ${(error as Error).message}`, severity: 'error' },
    ];
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  return {
    name: 'AsyncAPI validation',
    ok: errors === 0,
    summary: `${errors} error(s), ${warnings} warning(s)`,
    lines: diagnostics.map(
      (d) =>
        `${d.severity.padEnd(7)} ${path.relative(root, path.resolve(root, d.file))}${d.path ? ` ${d.path}` : ''}: ${d.message}`,
    ),
    seconds: (Date.now() - started) / 1000,
  };
}
