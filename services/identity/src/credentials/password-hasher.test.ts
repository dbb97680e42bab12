import { parseOptions } from '@node-rs/argon2';
import { PasswordHasher } from './password-hasher';

// The smallest cost the configuration allows, to keep this suite quick; the mechanics are the same.
const parameters = { memoryKib: 8192, iterations: 1, parallelism: 1 };
const password = 'correct-horse-battery-staple';

let hasher: PasswordHasher;
beforeAll(async () => {
  hasher = await PasswordHasher.create(parameters);
});

describe('argon2id password hashing', () => {
  it('writes an argon2id PHC string with the configured parameters', async () => {
    const stored = await hasher.hash(password);
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=8192,t=1,p=1\$/);
    expect(parseOptions(stored)).toMatchObject({ memoryCost: 8192, timeCost: 1, parallelism: 1 });
  });

  it('salts every hash, so one password hashes differently twice', async () => {
    expect(await hasher.hash(password)).not.toBe(await hasher.hash(password));
  });

  it('verifies the right password', async () => {
    expect(await hasher.verify(await hasher.hash(password), password)).toBe(true);
  });

  it('refuses a wrong password', async () => {
    expect(await hasher.verify(await hasher.hash(password), `${password}!`)).toBe(false);
  });

  it('verifies a password typed with decomposed accents against one hashed composed', async () => {
    const stored = await hasher.hash('caf\u00e9-au-lait-2026');
    expect(await hasher.verify(stored, 'cafe\u0301-au-lait-2026')).toBe(true);
  });

  it('answers false for an unknown account after running the decoy verification', async () => {
    expect(await hasher.verify(undefined, password)).toBe(false);
  });

  it('answers false for a stored value that is not an argon2 hash', async () => {
    expect(await hasher.verify('not-a-hash', password)).toBe(false);
  });

  it('asks for a rehash of a hash made with other parameters', async () => {
    const stronger = await PasswordHasher.create({ ...parameters, iterations: 2 });
    const old = await hasher.hash(password);
    expect(stronger.needsRehash(old)).toBe(true);
    expect(hasher.needsRehash(old)).toBe(false);
  });
});
