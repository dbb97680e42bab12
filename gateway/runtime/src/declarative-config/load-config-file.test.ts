/**
 * Loading kong.yml from a file renders its decK environment templates first, as
 * `deck file render --populate-env-vars` does for DB-less Kong, and refuses a missing variable.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadDeclarativeConfigFile } from './load-config';

const { publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

const template = `_format_version: "3.0"
consumers:
  - username: users
    jwt_secrets:
      - key: bazaar-identity
        algorithm: RS256
        rsa_public_key: |-
          \${{ env "DECK_TEST_PUBLIC_KEY" | indent 10 }}
`;

let dir: string;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bazaar-kong-'));
  file = path.join(dir, 'kong.yml');
  writeFileSync(file, template);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loading a declarative config file', () => {
  it('renders decK environment templates before validating', () => {
    const config = loadDeclarativeConfigFile(file, { DECK_TEST_PUBLIC_KEY: publicKey.trim() });
    expect(config.jwtSecrets[0]?.rsa_public_key).toBe(publicKey.trim());
  });

  it('refuses the file when a template variable is not set, naming it', () => {
    expect(() => loadDeclarativeConfigFile(file, {})).toThrow(ConfigError);
    expect(() => loadDeclarativeConfigFile(file, {})).toThrow(/DECK_TEST_PUBLIC_KEY/);
  });
});
