/**
 * `refreshTokens` against the real service: rotation, reuse detection revoking every token of the
 * family (and only that family), exactly one winner among simultaneous refreshes of one token,
 * expiry, and roles re-read at each refresh.
 */
import { createHash } from 'node:crypto';
import { pruneRefreshTokens } from '../../src/use-cases/prune-refresh-tokens';
import { IdentityApi, type TokenPairBody } from './support/identity-api';
import { startIdentity, type IdentityHarness } from './support/identity-harness';

let identity: IdentityHarness;
let api: IdentityApi;
let counter = 0;

beforeAll(async () => {
  identity = await startIdentity('refresh');
  api = new IdentityApi(identity.url);
}, 60_000);

afterAll(async () => {
  await identity?.cleanup();
}, 60_000);

/** What the database holds about the family of `refreshToken`. */
async function familyOf(refreshToken: string) {
  const { rows } = await identity.pool.query<{
    reason: string | null;
    tokens: number;
    revoked_tokens: number;
  }>(
    `SELECT f.revoked_reason AS reason, count(t.*)::int AS tokens,
            count(t.revoked_at)::int AS revoked_tokens
       FROM refresh_token_families f JOIN refresh_tokens t ON t.family_id = f.id
      WHERE f.id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1)
      GROUP BY f.id`,
    [createHash('sha256').update(refreshToken).digest()],
  );
  const row = rows[0];
  return row && { reason: row.reason, tokens: row.tokens, revokedTokens: row.revoked_tokens };
}

/** A new user, signed in once: the first pair of a fresh family. */
async function freshSession(): Promise<{ userId: string; tokens: TokenPairBody; email: string }> {
  const email = `user${++counter}@example.org`;
  return { ...(await api.signUp(email)), email };
}

describe('refreshing tokens', () => {
  it('returns a new pair, not cacheable, with a new refresh token', async () => {
    const { userId, tokens } = await freshSession();
    const response = await api.refresh(tokens.refreshToken);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.body.refreshToken).not.toBe(tokens.refreshToken);
    expect(response.body.refreshExpiresIn).toBe(604_800);
    expect((await api.verify(response.body.accessToken)).payload.sub).toBe(userId);
  });

  it('keeps rotating along the family, each new token good once', async () => {
    const { tokens } = await freshSession();
    let current = tokens.refreshToken;
    for (let step = 0; step < 3; step++) {
      const response = await api.refresh(current);
      expect(response.status).toBe(200);
      current = response.body.refreshToken;
    }
  });

  it('answers a second use of a token with IDENTITY_ERR_REFRESH_TOKEN_REUSED', async () => {
    const { tokens } = await freshSession();
    await api.refresh(tokens.refreshToken);
    const reuse = await api.refresh(tokens.refreshToken);
    expect(reuse.status).toBe(401);
    expect(reuse.body).toMatchObject({
      type: 'https://docs.bazaar.dev/problems/refresh-token-reused',
      code: 'IDENTITY_ERR_REFRESH_TOKEN_REUSED',
    });
  });

  it('revokes every token of the family when a used token comes back', async () => {
    const { tokens } = await freshSession();
    const second = (await api.refresh(tokens.refreshToken)).body.refreshToken;
    const third = (await api.refresh(second)).body.refreshToken;

    expect((await api.refresh(tokens.refreshToken)).body.code).toBe(
      'IDENTITY_ERR_REFRESH_TOKEN_REUSED',
    );

    // The newest token, never used, is dead too: the thief and the owner both sign in again.
    const newest = await api.refresh(third);
    expect(newest.status).toBe(401);
    expect(newest.body).toMatchObject({
      code: 'IDENTITY_ERR_INVALID_REFRESH_TOKEN',
      detail: 'the refresh token was revoked',
    });
    expect((await api.refresh(second)).body.code).toBe('IDENTITY_ERR_INVALID_REFRESH_TOKEN');
    const family = await familyOf(tokens.refreshToken);
    expect(family).toEqual({ reason: 'reuse', tokens: 3, revokedTokens: 3 });
  });

  it('leaves the other sign-ins of the same user alive when one family is revoked', async () => {
    const { email, tokens: stolen } = await freshSession();
    const other = (await api.login(email)).body;
    await api.refresh(stolen.refreshToken);
    await api.refresh(stolen.refreshToken);
    expect((await api.refresh(other.refreshToken)).status).toBe(200);
  });

  it('lets exactly one of several simultaneous refreshes of one token succeed', async () => {
    const { tokens } = await freshSession();
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => api.refresh(tokens.refreshToken)),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 401, 401, 401, 401, 401]);
    const losers = responses.filter((r) => r.status === 401).map((r) => r.body.code);
    // The first loser is the reuse that revokes the family; later ones find it revoked already.
    expect(losers.filter((code) => code === 'IDENTITY_ERR_REFRESH_TOKEN_REUSED')).toHaveLength(1);
    expect(losers.filter((code) => code === 'IDENTITY_ERR_INVALID_REFRESH_TOKEN')).toHaveLength(4);
    // The family holds the first token and exactly one successor: no fork.
    expect(await familyOf(tokens.refreshToken)).toEqual({
      reason: 'reuse',
      tokens: 2,
      revokedTokens: 2,
    });
  });

  it('refuses an unknown token as invalid', async () => {
    const response = await api.refresh(`rt_${'A'.repeat(43)}`);
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({
      type: 'https://docs.bazaar.dev/problems/invalid-refresh-token',
      code: 'IDENTITY_ERR_INVALID_REFRESH_TOKEN',
      detail: 'the refresh token is not known',
    });
  });

  it('refuses a malformed token, naming the field', async () => {
    const response = await api.refresh('short');
    expect(response.status).toBe(400);
    expect(response.body['errors' as keyof typeof response.body]).toEqual([
      expect.objectContaining({ field: 'body.refreshToken' }),
    ]);
  });

  it('refuses a token after its lifetime, and accepts it just before', async () => {
    const { tokens } = await freshSession();
    const spare = (await api.login(`user${counter}@example.org`)).body;
    identity.clock.advance(604_800 - 60);
    try {
      expect((await api.refresh(spare.refreshToken)).status).toBe(200);
      identity.clock.advance(120);
      const expired = await api.refresh(tokens.refreshToken);
      expect(expired.status).toBe(401);
      expect(expired.body).toMatchObject({
        code: 'IDENTITY_ERR_INVALID_REFRESH_TOKEN',
        detail: 'the refresh token has expired',
      });
    } finally {
      identity.clock.advance(-(604_800 + 60));
    }
  });

  it('puts roles changed since sign-in into the next access token', async () => {
    const { userId, tokens } = await freshSession();
    await identity.pool.query(`UPDATE users SET roles = '{customer,partner}' WHERE id = $1`, [
      userId,
    ]);
    const response = await api.refresh(tokens.refreshToken);
    expect((await api.verify(response.body.accessToken)).payload.roles).toEqual([
      'customer',
      'partner',
    ]);
  });

  it('prunes families whose every token has expired and keeps live ones', async () => {
    const expiring = await freshSession();
    identity.clock.advance(604_800 + 1);
    try {
      const live = await freshSession();
      const removed = await pruneRefreshTokens({
        pool: identity.pool,
        now: () => identity.clock.now(),
      });
      expect(removed).toBeGreaterThanOrEqual(1);
      expect(await familyOf(expiring.tokens.refreshToken)).toBeUndefined();
      expect(await familyOf(live.tokens.refreshToken)).toEqual({
        reason: null,
        tokens: 1,
        revokedTokens: 0,
      });
    } finally {
      identity.clock.advance(-(604_800 + 1));
    }
  });

  it('counts rotations, invalid tokens and reuse', async () => {
    const text = await (await fetch(`${identity.url}/metrics`)).text();
    for (const outcome of ['success', 'invalid', 'reused']) {
      expect(text).toMatch(
        new RegExp(
          `^identity_token_refreshes_total\\{[^}]*outcome="${outcome}"[^}]*\\} [1-9]`,
          'm',
        ),
      );
    }
  });
});
