/**
 * `logout` against the real service: the family of the caller's refresh token is revoked, every
 * token of it stops working, and the answer is 204 whatever token was sent.
 */
import { IdentityApi } from './support/identity-api';
import { startIdentity, type IdentityHarness } from './support/identity-harness';

let identity: IdentityHarness;
let api: IdentityApi;
let counter = 0;

beforeAll(async () => {
  identity = await startIdentity('logout');
  api = new IdentityApi(identity.url);
}, 60_000);

afterAll(async () => {
  await identity?.cleanup();
}, 60_000);

function logout(accessToken: string | undefined, refreshToken: string) {
  return api.call('POST', '/api/v1/auth/logout', {
    body: { refreshToken },
    ...(accessToken ? { token: accessToken } : {}),
  });
}

async function session() {
  return api.signUp(`logout${++counter}@example.org`);
}

describe('signing out', () => {
  it('answers 204 and makes the refresh token unusable', async () => {
    const { tokens } = await session();
    const response = await logout(tokens.accessToken, tokens.refreshToken);
    expect(response.status).toBe(204);
    const after = await api.refresh(tokens.refreshToken);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('IDENTITY_ERR_INVALID_REFRESH_TOKEN');
  });

  it('revokes the tokens refreshed from the same sign-in as well', async () => {
    const { tokens } = await session();
    const next = (await api.refresh(tokens.refreshToken)).body;
    // Signing out with the old, already used token still ends the whole sign-in.
    expect((await logout(next.accessToken, tokens.refreshToken)).status).toBe(204);
    expect((await api.refresh(next.refreshToken)).status).toBe(401);
  });

  it("leaves the same user's other sign-ins alive", async () => {
    const { tokens } = await session();
    const other = (await api.login(`logout${counter}@example.org`)).body;
    await logout(tokens.accessToken, tokens.refreshToken);
    expect((await api.refresh(other.refreshToken)).status).toBe(200);
  });

  it('is safe to repeat', async () => {
    const { tokens } = await session();
    expect((await logout(tokens.accessToken, tokens.refreshToken)).status).toBe(204);
    expect((await logout(tokens.accessToken, tokens.refreshToken)).status).toBe(204);
  });

  it('answers 204 for an unknown refresh token', async () => {
    const { tokens } = await session();
    expect((await logout(tokens.accessToken, `rt_${'B'.repeat(43)}`)).status).toBe(204);
  });

  it("ignores another user's refresh token, which keeps working", async () => {
    const alice = await session();
    const bob = await session();
    expect((await logout(alice.tokens.accessToken, bob.tokens.refreshToken)).status).toBe(204);
    expect((await api.refresh(bob.tokens.refreshToken)).status).toBe(200);
  });

  it('needs a bearer token', async () => {
    const { tokens } = await session();
    const response = await logout(undefined, tokens.refreshToken);
    expect(response.status).toBe(401);
    expect((await api.refresh(tokens.refreshToken)).status).toBe(200);
  });

  it('refuses a request without a refresh token, naming the field', async () => {
    const { tokens } = await session();
    const response = await api.call('POST', '/api/v1/auth/logout', {
      body: {},
      token: tokens.accessToken,
    });
    expect(response.status).toBe(400);
    expect(response.body['errors']).toEqual([
      expect.objectContaining({ field: 'body.refreshToken' }),
    ]);
  });
});
