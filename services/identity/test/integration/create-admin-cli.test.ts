/**
 * The create-admin command line against a real database: it creates an admin (password from the
 * flag or from stdin) with the user.registered event in the outbox, promotes an existing account
 * without touching its password, and exits 2 naming the flag for bad input.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { verify } from '@node-rs/argon2';
import { createTestDatabase, type TestDatabase } from '@bazaar/platform/testing/index';
import { IDENTITY_MIGRATIONS_DIR } from '../../src/service';

const ROOT_DIR = path.resolve(__dirname, '../../../..');
const TSX = path.join(ROOT_DIR, 'node_modules/.bin/tsx');
const CLI = path.join(ROOT_DIR, 'services/identity/src/cli/create-admin.ts');

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase('identity-cli', {
    serviceMigrationsDir: IDENTITY_MIGRATIONS_DIR,
  });
}, 60_000);

afterAll(async () => {
  await database?.drop();
}, 60_000);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function createAdmin(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      TSX,
      [CLI, ...args],
      {
        cwd: ROOT_DIR,
        // Only what the CLI should read: no ambient IDENTITY_* variable can change the result.
        env: { PATH: process.env['PATH'] ?? '', IDENTITY_DATABASE_URL: database.url },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(stdin ?? '');
  });
}

async function account(email: string) {
  const { rows } = await database.pool.query<{
    id: string;
    roles: string[];
    password_hash: string;
  }>('SELECT id, roles, password_hash FROM users WHERE email = $1', [email]);
  return rows[0];
}

describe('create-admin', () => {
  it('creates an admin account and queues its user.registered event', async () => {
    const run = await createAdmin([
      '--email',
      'Root@Example.org',
      '--password',
      'cli-admin-passphrase',
    ]);
    expect(run).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/created admin account root@example.org/),
    });
    const root = await account('root@example.org');
    expect(root?.roles).toEqual(['customer', 'admin']);
    expect(await verify(root!.password_hash, 'cli-admin-passphrase')).toBe(true);
    const { rows } = await database.pool.query(
      `SELECT 1 FROM platform.outbox WHERE partition_key = $1 AND event_type = 'ecommerce.identity.user.registered.v1'`,
      [root!.id],
    );
    expect(rows).toHaveLength(1);
  }, 60_000);

  it('reads the password from stdin, without its trailing newline', async () => {
    const run = await createAdmin(
      ['--email', 'ops@example.org', '--password-stdin'],
      'piped passphrase 42\n',
    );
    expect(run.code).toBe(0);
    expect(
      await verify((await account('ops@example.org'))!.password_hash, 'piped passphrase 42'),
    ).toBe(true);
  }, 60_000);

  it('promotes an existing account and keeps its password', async () => {
    await createAdmin(['--email', 'carol@example.org', '--password', 'carols-passphrase']);
    await database.pool.query(
      `UPDATE users SET roles = '{customer,partner}' WHERE email = 'carol@example.org'`,
    );
    const run = await createAdmin([
      '--email',
      'carol@example.org',
      '--password',
      'ignored-passphrase',
    ]);
    expect(run.stdout).toMatch(
      /promoted existing account carol@example.org .* its password was not changed/,
    );
    const carol = await account('carol@example.org');
    expect(carol?.roles).toEqual(['customer', 'admin', 'partner']);
    expect(await verify(carol!.password_hash, 'carols-passphrase')).toBe(true);
  }, 60_000);

  it('exits 2 naming --password when the password is too short', async () => {
    const run = await createAdmin(['--email', 'weak@example.org', '--password', 'short']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/create-admin: --password must be at least 12 characters/);
    expect(await account('weak@example.org')).toBeUndefined();
  }, 60_000);

  it('exits 2 with the usage when --email is missing', async () => {
    const run = await createAdmin(['--password', 'long-enough-passphrase']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /--email is required[\s\S]*usage: npx tsx services\/identity\/src\/cli\/create-admin.ts/,
    );
  }, 60_000);
});
