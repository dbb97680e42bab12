/**
 * `make keys`: creates the development RS256 key pair identity signs access tokens with, in
 * .dev-keys/ (gitignored). The gateway's jwt consumer and every service verify with the public
 * key. Keeps existing keys unless `--force` is given, so tokens stay valid across restarts.
 */
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const DEV_KEYS_DIR = path.resolve(__dirname, '../../.dev-keys');
export const PRIVATE_KEY_FILE = path.join(DEV_KEYS_DIR, 'identity-signing.key.pem');
export const PUBLIC_KEY_FILE = path.join(DEV_KEYS_DIR, 'identity-signing.pub.pem');
/** The public key as decK's template variable, for `deck file render` and docker compose. */
export const KONG_ENV_FILE = path.join(DEV_KEYS_DIR, 'kong.env');

/** One env-file line; compose's parser turns the `\n` escapes inside double quotes back into newlines. */
export function kongEnvFileText(publicKeyPem: string): string {
  const escaped = publicKeyPem.trimEnd().split('\n').join('\\n');
  return `DECK_IDENTITY_JWT_PUBLIC_KEY="${escaped}\\n"\n`;
}

function ensureKongEnvFile(): void {
  const text = kongEnvFileText(readFileSync(PUBLIC_KEY_FILE, 'utf8'));
  if (existsSync(KONG_ENV_FILE) && readFileSync(KONG_ENV_FILE, 'utf8') === text) return;
  writeFileSync(KONG_ENV_FILE, text, { mode: 0o644 });
}

export function ensureDevKeys(force = false): { created: boolean } {
  if (!force && existsSync(PRIVATE_KEY_FILE) && existsSync(PUBLIC_KEY_FILE)) {
    ensureKongEnvFile();
    return { created: false };
  }
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  mkdirSync(DEV_KEYS_DIR, { recursive: true, mode: 0o700 });
  writeFileSync(PRIVATE_KEY_FILE, privateKey, { mode: 0o600 });
  chmodSync(PRIVATE_KEY_FILE, 0o600);
  writeFileSync(PUBLIC_KEY_FILE, publicKey);
  ensureKongEnvFile();
  return { created: true };
}

if (require.main === module) {
  const { created } = ensureDevKeys(process.argv.includes('--force'));
  const where = path.relative(process.cwd(), DEV_KEYS_DIR) || DEV_KEYS_DIR;
  console.log(
    created
      ? `keys: created an RS256 key pair in ${where}/`
      : `keys: using the existing key pair in ${where}/`,
  );
}
