/**
 * The bootstrap admin (IDENTITY_BOOTSTRAP_ADMIN_*) across restarts of the real service: created at
 * the first start with its user.registered event, left alone once any admin exists, promoting an
 * existing account without touching its password, and refusing to start on a bad password.
 */
import { IdentityApi } from './support/identity-api';
import { rsaKeyPair, startIdentity, type IdentityHarness } from './support/identity-harness';

const keys = rsaKeyPair();
const harnesses: IdentityHarness[] = [];

// Tracing is registered once per process, so only one instance runs at a time.
async function start(suite: string, env: Record<string, string>, reuse?: IdentityHarness) {
  for (const running of harnesses) await running.stop();
  const harness = await startIdentity(suite, {
    env,
    keys,
    ...(reuse ? { databaseName: reuse.databaseName, broker: reuse.broker } : {}),
  });
  harnesses.push(harness);
  return harness;
}

function bootstrapEnv(email: string, password: string): Record<string, string> {
  return { IDENTITY_BOOTSTRAP_ADMIN_EMAIL: email, IDENTITY_BOOTSTRAP_ADMIN_PASSWORD: password };
}

async function admins(harness: IdentityHarness): Promise<string[]> {
  const { rows } = await harness.pool.query<{ email: string }>(
    `SELECT email FROM users WHERE 'admin' = ANY (roles) ORDER BY email`,
  );
  return rows.map((row) => row.email);
}

afterAll(async () => {
  // Stop every instance first; the last one of each database drops it and its broker objects.
  for (const harness of harnesses) await harness.stop();
  const seen = new Set<string>();
  for (const harness of [...harnesses].reverse()) {
    if (seen.has(harness.databaseName)) continue;
    seen.add(harness.databaseName);
    await harness.cleanup();
  }
}, 60_000);

describe('the bootstrap admin', () => {
  it('is created at the first start, with its user.registered event in the outbox', async () => {
    const identity = await start(
      'bootstrap-create',
      bootstrapEnv('Root@Example.org', 'bootstrap-passphrase'),
    );
    expect(await admins(identity)).toEqual(['root@example.org']);
    const { rows } = await identity.pool.query<{ message: { payload: { roles: string[] } } }>(
      `SELECT message FROM platform.outbox WHERE event_type = 'ecommerce.identity.user.registered.v1'`,
    );
    expect(rows.map((row) => row.message.payload.roles)).toEqual([['customer', 'admin']]);
    const login = await new IdentityApi(identity.url).login(
      'root@example.org',
      'bootstrap-passphrase',
    );
    expect(login.status).toBe(200);
  }, 60_000);

  it('changes nothing at a later start once an admin exists, even for another email', async () => {
    const first = harnesses[0]!;
    const again = await start(
      'bootstrap-create',
      bootstrapEnv('other@example.org', 'another-passphrase'),
      first,
    );
    expect(await admins(again)).toEqual(['root@example.org']);
    const { rows } = await again.pool.query(
      `SELECT 1 FROM users WHERE email = 'other@example.org'`,
    );
    expect(rows).toHaveLength(0);
  }, 60_000);

  it('promotes an account that exists already and keeps its password', async () => {
    const plain = await start('bootstrap-promote', {});
    await new IdentityApi(plain.url).register('bob@example.org', 'bobs-own-passphrase', 'Bob');
    const promoted = await start(
      'bootstrap-promote',
      bootstrapEnv('bob@example.org', 'a-different-passphrase'),
      plain,
    );
    expect(await admins(promoted)).toEqual(['bob@example.org']);
    const api = new IdentityApi(promoted.url);
    const login = await api.login('bob@example.org', 'bobs-own-passphrase');
    expect(login.status).toBe(200);
    expect((await api.verify(login.body.accessToken)).payload.roles).toEqual(['customer', 'admin']);
    expect((await api.login('bob@example.org', 'a-different-passphrase')).status).toBe(401);
  }, 60_000);

  it('stops the start with a password that breaks the policy, naming the variable', async () => {
    for (const running of harnesses) await running.stop();
    await expect(
      startIdentity('bootstrap-bad', { keys, env: bootstrapEnv('root@example.org', 'too-short') }),
    ).rejects.toThrow('IDENTITY_BOOTSTRAP_ADMIN_PASSWORD must be at least 12 characters');
  }, 60_000);
});
