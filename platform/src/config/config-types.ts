/**
 * Value parsers for service configuration variables (platform/src/config): each turns the raw
 * environment string into a typed value or throws a message saying what was expected.
 */

/** Turns one raw environment string into a typed value; `typeName` feeds the README table. */
export interface ConfigType<T> {
  readonly typeName: string;
  /** @throws Error whose message completes "VARIABLE=value: …" (e.g. "must be an integer"). */
  parse(raw: string): T;
  /** How a default value is written in the docs table; defaults to String(value). */
  format?(value: T): string;
}

function bounded(value: number, min: number | undefined, max: number | undefined): number {
  if (min !== undefined && value < min) throw new Error(`must be >= ${min}`);
  if (max !== undefined && value > max) throw new Error(`must be <= ${max}`);
  return value;
}

function rangeSuffix(min?: number, max?: number): string {
  if (min === undefined && max === undefined) return '';
  return ` (${min ?? '…'}–${max ?? '…'})`;
}

export interface NumberTypeOptions {
  min?: number;
  max?: number;
}

export interface StringTypeOptions {
  /** Accepted values must match this (anchor it yourself). */
  pattern?: RegExp;
  /** Human description of the pattern for error messages, e.g. "a lower-case identifier". */
  patternDescription?: string;
}

export interface UrlTypeOptions {
  /** Accepted URL schemes including the colon, e.g. ['postgres:', 'postgresql:']. Any if absent. */
  protocols?: readonly string[];
}

/** Constructors for the supported variable types. */
export const configTypes = {
  string(options: StringTypeOptions = {}): ConfigType<string> {
    return {
      typeName: 'string',
      parse(raw) {
        if (options.pattern && !options.pattern.test(raw)) {
          throw new Error(
            `must be ${options.patternDescription ?? `a string matching ${options.pattern}`}`,
          );
        }
        return raw;
      },
    };
  },

  integer(options: NumberTypeOptions = {}): ConfigType<number> {
    return {
      typeName: `integer${rangeSuffix(options.min, options.max)}`,
      parse(raw) {
        if (!/^[+-]?\d+$/.test(raw.trim())) throw new Error('must be an integer');
        const value = Number(raw.trim());
        if (!Number.isSafeInteger(value)) throw new Error('must be a safe integer');
        return bounded(value, options.min, options.max);
      },
    };
  },

  number(options: NumberTypeOptions = {}): ConfigType<number> {
    return {
      typeName: `number${rangeSuffix(options.min, options.max)}`,
      parse(raw) {
        const trimmed = raw.trim();
        const value = Number(trimmed);
        if (trimmed === '' || !Number.isFinite(value)) throw new Error('must be a finite number');
        return bounded(value, options.min, options.max);
      },
    };
  },

  /** A TCP port; 0 asks the OS for an ephemeral port (useful in tests). */
  port(): ConfigType<number> {
    const integer = configTypes.integer({ min: 0, max: 65535 });
    return { typeName: 'port (0–65535)', parse: (raw) => integer.parse(raw) };
  },

  boolean(): ConfigType<boolean> {
    return {
      typeName: 'boolean (true/false)',
      parse(raw) {
        const value = raw.trim().toLowerCase();
        if (value === 'true' || value === '1') return true;
        if (value === 'false' || value === '0') return false;
        throw new Error('must be true or false');
      },
    };
  },

  /** A URL, returned as its string form so the config object stays plain and frozen. */
  url(options: UrlTypeOptions = {}): ConfigType<string> {
    const protocols = options.protocols;
    return {
      typeName: protocols ? `URL (${protocols.join(' ')})` : 'URL',
      parse(raw) {
        let url: URL;
        try {
          url = new URL(raw.trim());
        } catch {
          throw new Error('must be an absolute URL');
        }
        if (protocols && !protocols.includes(url.protocol)) {
          throw new Error(`must be a URL with scheme ${protocols.join(' or ')}`);
        }
        return raw.trim();
      },
    };
  },

  oneOf<const V extends string>(values: readonly V[]): ConfigType<V> {
    return {
      typeName: `one of: ${values.join(', ')}`,
      parse(raw) {
        const value = raw.trim();
        if (!(values as readonly string[]).includes(value)) {
          throw new Error(`must be one of ${values.join(', ')}`);
        }
        return value as V;
      },
    };
  },

  /**
   * A PEM block such as an SPKI public key. Literal `\n` sequences are turned into newlines,
   * because many env files and orchestrators cannot hold multi-line values.
   */
  pem(label = 'PUBLIC KEY'): ConfigType<string> {
    return {
      typeName: `PEM (${label})`,
      parse(raw) {
        const text = raw.replace(/\\n/g, '\n').trim();
        const begin = `-----BEGIN ${label}-----`;
        const end = `-----END ${label}-----`;
        if (!text.startsWith(begin) || !text.endsWith(end)) {
          throw new Error(`must be a PEM block "${begin} … ${end}"`);
        }
        return `${text}\n`;
      },
    };
  },

  /** A comma-separated list; empty items are dropped. */
  list<T>(item: ConfigType<T>): ConfigType<readonly T[]> {
    return {
      typeName: `comma-separated list of ${item.typeName}`,
      parse(raw) {
        const parts = raw
          .split(',')
          .map((part) => part.trim())
          .filter((part) => part !== '');
        return parts.map((part, index) => {
          try {
            return item.parse(part);
          } catch (err) {
            throw new Error(`item ${index + 1} ("${part}") ${(err as Error).message}`, {
              cause: err,
            });
          }
        });
      },
      format: (value) => value.map((v) => (item.format ? item.format(v) : String(v))).join(','),
    };
  },
} as const;
