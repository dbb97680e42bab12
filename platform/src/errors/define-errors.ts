/**
 * A service's error catalog (services/<svc>/src/errors.ts): stable codes with their HTTP status and
 * title, turned into RFC 9457 problems the generated binding and the platform error middleware
 * render. `checkErrorCatalog` keeps the catalog and the service's contract naming the same codes.
 */
import { parse } from 'yaml';
import {
  ContractProblem,
  problem,
  type ProblemDetails,
} from '@bazaar/generated/http/runtime/server-runtime';

export interface ErrorEntry {
  status: number;
  title: string;
  /**
   * The problem `type` as the contract's examples spell it: a slug under
   * https://docs.bazaar.dev/problems/ or an absolute URI. Default: the code without its
   * `<SERVICE>_ERR_` prefix, kebab-cased (CATALOG_ERR_SKU_TAKEN → sku-taken).
   */
  type?: string;
}

const PROBLEM_BASE = 'https://docs.bazaar.dev/problems/';

/** The full problem type URI of a catalog entry. */
export function problemTypeOf(code: string, entry: ErrorEntry): string {
  const slug =
    entry.type ??
    code
      .replace(/^[A-Z]+_ERR_/, '')
      .toLowerCase()
      .replace(/_/g, '-');
  return /^[a-z][a-z0-9+.-]*:/.test(slug) ? slug : `${PROBLEM_BASE}${slug}`;
}

export interface ErrorCatalog<Code extends string> {
  readonly entries: Readonly<Record<Code, ErrorEntry>>;
  /** The problem body for `code`, e.g. for `reply(409, errors.problem('CATALOG_ERR_SKU_TAKEN', detail))`. */
  problem(
    code: Code,
    detail?: string,
    extensions?: Record<string, unknown>,
  ): ProblemDetails & { status: number };
  /** A throwable problem, for failures deep inside a use case. */
  error(code: Code, detail?: string, extensions?: Record<string, unknown>): ContractProblem;
}

export function defineErrors<const Code extends string>(
  entries: Record<Code, ErrorEntry>,
): ErrorCatalog<Code> {
  for (const [code, entry] of Object.entries<ErrorEntry>(entries)) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(code))
      throw new Error(`error code ${code} must be UPPER_SNAKE_CASE`);
    if (!Number.isInteger(entry.status) || entry.status < 400 || entry.status > 599) {
      throw new Error(`error code ${code}: status ${entry.status} is not an HTTP error status`);
    }
  }
  const build = (code: Code, detail?: string, extensions: Record<string, unknown> = {}) => {
    const entry = entries[code];
    return problem(entry.status, code, entry.title, detail, {
      type: problemTypeOf(code, entry),
      ...extensions,
    }) as ProblemDetails & { status: number };
  };
  return {
    entries,
    problem: build,
    error: (code, detail, extensions) => new ContractProblem(build(code, detail, extensions)),
  };
}

/** Every `{ code, type }` pair in the contract's problem examples. */
function exampleTypes(contractText: string): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (typeof record.code === 'string' && typeof record.type === 'string') {
      found.set(record.code, (found.get(record.code) ?? new Set()).add(record.type));
    }
    Object.values(record).forEach(visit);
  };
  visit(parse(contractText));
  return found;
}

/**
 * Compares a catalog with the text of the service's contract: every code of the catalog must
 * appear in the contract (in a problem example or description), every `<PREFIX>_ERR_*` code the
 * contract mentions must be in the catalog, and where the contract's examples show a code's
 * problem `type`, the catalog must produce exactly that type. Returns the mismatches (empty when
 * catalog and contract are in step).
 */
export function checkErrorCatalog(
  catalog: ErrorCatalog<string>,
  contractText: string,
  prefix: string,
): string[] {
  const codes = new Set(Object.keys(catalog.entries));
  const mentioned = new Set(
    contractText.match(new RegExp(`\\b${prefix}_ERR_[A-Z0-9_]+\\b`, 'g')) ?? [],
  );
  const typeMismatches = [...exampleTypes(contractText)]
    .filter(([code]) => codes.has(code))
    .flatMap(([code, types]) => {
      const produced = problemTypeOf(code, catalog.entries[code]!);
      return [...types]
        .filter((type) => type !== produced)
        .map((type) => `${code} has type ${type} in the contract but ${produced} in the catalog`);
    });
  return [
    ...typeMismatches,
    ...[...codes]
      .filter((code) => code.startsWith(`${prefix}_ERR_`) && !mentioned.has(code))
      .map((code) => `${code} is in the catalog but not in the contract`),
    ...[...mentioned]
      .filter((code) => !codes.has(code))
      .map((code) => `${code} is in the contract but not in the catalog`),
  ].sort();
}
