/**
 * Declares a service's `<PREFIX>_*` environment variables once (type, default, unit, description)
 * and loads them into a deep-frozen typed object, refusing to start on any problem (style rule 6).
 */
import { type ConfigType } from './config-types';

/** One declared variable. Its environment name is `<PREFIX>_<KEY IN SCREAMING_SNAKE_CASE>`. */
export interface ConfigVariable<T> {
  readonly type: ConfigType<T>;
  /** One sentence, shown in the README table. */
  readonly description: string;
  /** Used when the variable is unset or empty. A variable with no default is required. */
  readonly default?: T;
  /** Unset means `undefined` instead of an error (only meaningful without a default). */
  readonly optional?: boolean;
  /** Unit of a numeric value (`ms`, `bytes`, `s`), shown in the README table. */
  readonly unit?: string;
  /** Never echo the value in error messages or docs. */
  readonly secret?: boolean;
}

// `any` is needed so that variables of different value types fit one record.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ConfigSpec = Record<string, ConfigVariable<any>>;

type ValueOf<V> =
  V extends ConfigVariable<infer T>
    ? V extends { optional: true }
      ? V extends { default: unknown }
        ? T
        : T | undefined
      : T
    : never;

/** The loaded configuration: one readonly field per declared variable. */
export type ConfigValues<S extends ConfigSpec> = { readonly [K in keyof S]: ValueOf<S[K]> };

/** The environment as a plain object (process.env, or a literal in tests). */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** Every problem found while loading, each naming the variable. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(prefix: string, problems: readonly string[]) {
    super(
      `Invalid ${prefix}_* configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
    this.name = 'ConfigError';
    this.problems = Object.freeze([...problems]);
  }
}

export interface ConfigEntry {
  readonly key: string;
  readonly envName: string;
  readonly variable: ConfigVariable<unknown>;
}

export interface ConfigDefinition<S extends ConfigSpec> {
  readonly prefix: string;
  /** Declaration order, which is also the README table order. */
  readonly entries: readonly ConfigEntry[];
  /** Validates every variable, reports all problems at once, returns a deep-frozen object. */
  load(env: EnvSource): ConfigValues<S>;
}

/** `httpPort` → `HTTP_PORT`, `jwtPublicKey` → `JWT_PUBLIC_KEY`. */
export function toEnvSuffix(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/**
 * Declares the `<prefix>_*` variables of one service.
 *
 * @example
 * export const ordersConfig = defineConfig('ORDERS', {
 *   httpPort: { type: configTypes.port(), default: 3004, description: 'Port the REST API listens on.' },
 *   databaseUrl: { type: configTypes.url({ protocols: ['postgres:'] }), description: 'PostgreSQL database.' },
 * });
 */
export function defineConfig<const S extends ConfigSpec>(
  prefix: string,
  spec: S,
): ConfigDefinition<S> {
  if (!/^[A-Z][A-Z0-9]*$/.test(prefix)) {
    throw new Error(`config prefix "${prefix}" must be upper-case letters and digits, e.g. ORDERS`);
  }
  const entries: ConfigEntry[] = Object.entries(spec).map(([key, variable]) => {
    if (!/^[a-z][a-zA-Z0-9]*$/.test(key)) throw new Error(`config key "${key}" must be camelCase`);
    if (!variable.description?.trim()) throw new Error(`config key "${key}" needs a description`);
    return { key, envName: `${prefix}_${toEnvSuffix(key)}`, variable };
  });
  const names = new Set(entries.map((entry) => entry.envName));
  if (names.size !== entries.length)
    throw new Error(`two ${prefix} config keys map to the same variable name`);

  return Object.freeze({
    prefix,
    entries: Object.freeze(entries),
    load(env: EnvSource): ConfigValues<S> {
      const problems: string[] = [];
      const values: Record<string, unknown> = {};
      for (const { key, envName, variable } of entries) {
        const raw = env[envName];
        if (raw === undefined || raw.trim() === '') {
          if (variable.default !== undefined) values[key] = variable.default;
          else if (variable.optional) values[key] = undefined;
          else problems.push(`${envName} is required: ${variable.description}`);
          continue;
        }
        try {
          values[key] = variable.type.parse(raw);
        } catch (err) {
          const shown = variable.secret ? '<hidden>' : JSON.stringify(raw);
          problems.push(
            `${envName}=${shown} ${(err as Error).message} (expected ${variable.type.typeName})`,
          );
        }
      }
      for (const name of Object.keys(env).sort()) {
        if (name.startsWith(`${prefix}_`) && !names.has(name)) {
          const guess = closestName(name, [...names]);
          problems.push(
            `${name} is not a known variable${guess ? ` (did you mean ${guess}?)` : ''}`,
          );
        }
      }
      if (problems.length > 0) throw new ConfigError(prefix, problems);
      return deepFreeze(values) as ConfigValues<S>;
    },
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Suggests the declared name a typo most likely meant (edit distance ≤ 3). */
function closestName(name: string, candidates: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (distance <= 3 && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
