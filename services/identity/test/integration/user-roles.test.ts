/**
 * `setUserRoles` against the real service, with the first admin created by the bootstrap
 * variables: admins change roles, others cannot, `service` cannot be given, and Bazaar never loses
 * its last admin, not even when two admins demote each other at the same moment.
 */
import { IdentityApi } from './support/identity-api';
import { startIdentity, type IdentityHarness } from './support/identity-harness';

const ROOT = { email: 'root@example.org', password: 'bootstrap-admin-passphrase' };

let identity: IdentityHarness;
let api: IdentityApi;
let counter = 0;

beforeAll(async () => {
  identity = await startIdentity('roles', {
    env: {
      IDENTITY_BOOTSTRAP_ADMIN_EMAIL: ROOT.email,
      IDENTITY_BOOTSTRAP_ADMIN_PASSWORD: ROOT.password,
    },
  });
  api = new IdentityApi(identity.url);
}, 60_000);

afterAll(async () => {
  await identity?.cleanup();
}, 60_000);

function setRoles(token: string | undefined, userId: string, roles: unknown) {
  return api.call('PUT', `/api/v1/users/${userId}/roles`, {
    body: { roles },
    ...(token ? { token } : {}),
  });
}

async function rootToken(): Promise<string> {
  return (await api.login(ROOT.email, ROOT.password)).body.accessToken;
}

async function customer() {
  return api.signUp(`member${++counter}@example.org`);
}

describe('the bootstrap admin', () => {
  it('can sign in with the configured password and holds customer and admin', async () => {
    const { payload } = await api.verify(await rootToken());
    expect(payload.roles).toEqual(['customer', 'admin']);
  });
});

describe('changing roles', () => {
  it("lets an admin replace a user's roles", async () => {
    const { userId } = await customer();
    const response = await setRoles(await rootToken(), userId, ['partner', 'customer']);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: userId, roles: ['customer', 'partner'] });
  });

  it('shows the new roles in /auth/me at once and in the next access token', async () => {
    const { userId, tokens } = await customer();
    await setRoles(await rootToken(), userId, ['customer', 'partner']);
    const me = await api.call('GET', '/api/v1/auth/me', { token: tokens.accessToken });
    expect(me.body['roles']).toEqual(['customer', 'partner']);
    // The token already issued keeps its roles until it expires.
    expect((await api.verify(tokens.accessToken)).payload.roles).toEqual(['customer']);
    const next = await api.refresh(tokens.refreshToken);
    expect((await api.verify(next.body.accessToken)).payload.roles).toEqual([
      'customer',
      'partner',
    ]);
  });

  it('is forbidden to a customer', async () => {
    const { userId, tokens } = await customer();
    const response = await setRoles(tokens.accessToken, userId, ['customer', 'admin']);
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('needs a bearer token', async () => {
    const { userId } = await customer();
    expect((await setRoles(undefined, userId, ['customer'])).status).toBe(401);
  });

  it('answers 404 IDENTITY_ERR_USER_NOT_FOUND for an unknown user', async () => {
    const response = await setRoles(await rootToken(), '00000000-0000-4000-8000-000000000000', [
      'customer',
    ]);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({
      type: 'https://docs.bazaar.dev/problems/user-not-found',
      code: 'IDENTITY_ERR_USER_NOT_FOUND',
    });
  });

  it('refuses a user id that is not a UUID, naming the path parameter', async () => {
    const response = await setRoles(await rootToken(), 'not-a-uuid', ['customer']);
    expect(response.status).toBe(400);
    expect(response.body['errors']).toEqual([expect.objectContaining({ field: 'path.userId' })]);
  });

  it('refuses the service role, naming the field', async () => {
    const { userId } = await customer();
    const response = await setRoles(await rootToken(), userId, ['customer', 'service']);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body['errors'])).toMatch(/body\.roles/);
  });

  it('refuses an empty set of roles, naming the field', async () => {
    const { userId } = await customer();
    const response = await setRoles(await rootToken(), userId, []);
    expect(response.status).toBe(400);
    expect(response.body['errors']).toEqual([expect.objectContaining({ field: 'body.roles' })]);
  });
});

describe('the last admin', () => {
  it('cannot lose the admin role', async () => {
    const { rows } = await identity.pool.query<{ id: string }>(
      `SELECT id FROM users WHERE 'admin' = ANY (roles)`,
    );
    expect(rows).toHaveLength(1);
    const response = await setRoles(await rootToken(), rows[0]!.id, ['customer']);
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({
      type: 'https://docs.bazaar.dev/problems/last-admin',
      code: 'IDENTITY_ERR_LAST_ADMIN',
    });
  });

  it('can hand over to a second admin, who then is the last one', async () => {
    const root = await rootToken();
    const rootId = (await api.verify(root)).payload.sub!;
    const { userId: heirId, email } = {
      ...(await customer()),
      email: `member${counter}@example.org`,
    };
    expect((await setRoles(root, heirId, ['customer', 'admin'])).status).toBe(200);
    expect((await setRoles(root, rootId, ['customer'])).status).toBe(200);
    const heir = (await api.login(email)).body.accessToken;
    expect((await setRoles(heir, heirId, ['customer'])).status).toBe(409);
    // Give the role back so the other tests keep a root admin.
    expect((await setRoles(heir, rootId, ['customer', 'admin'])).status).toBe(200);
    expect((await setRoles(heir, heirId, ['customer'])).status).toBe(200);
  });

  it('survives two admins demoting each other at the same moment', async () => {
    const root = await rootToken();
    const a = await customer();
    const b = await customer();
    await setRoles(root, a.userId, ['admin']);
    await setRoles(root, b.userId, ['admin']);
    // Leave exactly a and b as admins, each with a token that still says admin.
    const tokenA = (await api.login(`member${counter - 1}@example.org`)).body.accessToken;
    const tokenB = (await api.login(`member${counter}@example.org`)).body.accessToken;
    const rootId = (await api.verify(root)).payload.sub!;
    expect((await setRoles(tokenA, rootId, ['customer'])).status).toBe(200);

    const [demoteB, demoteA] = await Promise.all([
      setRoles(tokenA, b.userId, ['customer']),
      setRoles(tokenB, a.userId, ['customer']),
    ]);
    expect([demoteA.status, demoteB.status].sort()).toEqual([200, 409]);
    const { rows } = await identity.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM users WHERE 'admin' = ANY (roles)`,
    );
    expect(rows[0]?.n).toBe(1);
  });
});
