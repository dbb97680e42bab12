/**
 * Password hashing for identity (services/identity/src/credentials) with argon2id from
 * @node-rs/argon2 (RFC 9106; runs on libuv's thread pool, so the event loop stays free). Verifying
 * against a stored hash is constant-time in the library; for an unknown account the same work is
 * spent against a decoy hash made with the current parameters, so timing does not reveal whether
 * an email address is registered.
 */
import { randomBytes } from 'node:crypto';
import { hash, parseOptions, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { passwordForHashing } from '../domain/password-policy';

/** @node-rs/argon2 declares its enum `const`, which isolatedModules cannot read: its value is 2. */
const ARGON2ID = 2 as Algorithm;

export interface Argon2Parameters {
  /** Memory per hash, in KiB. */
  memoryKib: number;
  /** Passes over memory. */
  iterations: number;
  parallelism: number;
}

export class PasswordHasher {
  private constructor(
    private readonly options: Options,
    private readonly decoyHash: string,
  ) {}

  /** Builds a hasher and its decoy hash (one argon2id run at start). */
  static async create(parameters: Argon2Parameters): Promise<PasswordHasher> {
    const options: Options = {
      algorithm: ARGON2ID,
      memoryCost: parameters.memoryKib,
      timeCost: parameters.iterations,
      parallelism: parameters.parallelism,
    };
    const decoyHash = await hash(randomBytes(32).toString('base64url'), options);
    return new PasswordHasher(options, decoyHash);
  }

  /** The PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`) of `password`, with a fresh salt. */
  hash(password: string): Promise<string> {
    return hash(passwordForHashing(password), this.options);
  }

  /**
   * Whether `password` matches `storedHash`; with no stored hash (unknown account) it spends the
   * same work against the decoy and answers false. A malformed stored hash counts as no match.
   */
  async verify(storedHash: string | undefined, password: string): Promise<boolean> {
    const candidate = passwordForHashing(password);
    if (storedHash === undefined) {
      await verify(this.decoyHash, candidate).catch(() => false);
      return false;
    }
    return verify(storedHash, candidate).catch(() => false);
  }

  /** True when `storedHash` was made with other parameters than today's (rehash at next sign-in). */
  needsRehash(storedHash: string): boolean {
    try {
      const used = parseOptions(storedHash);
      return (
        used.algorithm !== ARGON2ID ||
        used.memoryCost !== this.options.memoryCost ||
        used.timeCost !== this.options.timeCost ||
        used.parallelism !== this.options.parallelism
      );
    } catch {
      return true;
    }
  }
}
