import {
  decideLogout,
  decideRefresh,
  refreshTokenExpiry,
  type StoredRefreshToken,
} from './refresh-token-family';

const now = new Date('2026-11-23T10:00:00.000Z');
const live: StoredRefreshToken = {
  familyId: 'family-1',
  userId: 'user-1',
  expiresAt: new Date('2026-11-30T10:00:00.000Z'),
};

describe('presenting a refresh token', () => {
  it('rotates an unused, unexpired token of a live family', () => {
    expect(decideRefresh(live, now)).toEqual({
      outcome: 'rotate',
      familyId: 'family-1',
      userId: 'user-1',
    });
  });

  it('rejects a token nobody issued', () => {
    expect(decideRefresh(undefined, now)).toEqual({ outcome: 'reject', reason: 'unknown' });
  });

  it('rejects a token at the instant it expires', () => {
    expect(decideRefresh({ ...live, expiresAt: now }, now)).toEqual({
      outcome: 'reject',
      reason: 'expired',
    });
  });

  it('revokes the whole family when a used token is presented again', () => {
    expect(decideRefresh({ ...live, usedAt: new Date('2026-11-23T09:00:00.000Z') }, now)).toEqual({
      outcome: 'revoke-family',
      familyId: 'family-1',
      userId: 'user-1',
    });
  });

  it('treats a used token as reuse even after it expired', () => {
    const usedAndExpired = { ...live, usedAt: new Date(0), expiresAt: new Date(1) };
    expect(decideRefresh(usedAndExpired, now).outcome).toBe('revoke-family');
  });

  it('only rejects any token of a family that is already revoked', () => {
    const revokedAt = new Date('2026-11-23T09:30:00.000Z');
    expect(decideRefresh({ ...live, familyRevokedAt: revokedAt }, now)).toEqual({
      outcome: 'reject',
      reason: 'revoked',
    });
    expect(decideRefresh({ ...live, usedAt: revokedAt, familyRevokedAt: revokedAt }, now)).toEqual({
      outcome: 'reject',
      reason: 'revoked',
    });
  });
});

describe('signing out with a refresh token', () => {
  it('revokes the family of a live token of the caller', () => {
    expect(decideLogout(live, 'user-1')).toBe(true);
  });

  it('revokes the family of the caller even when the token presented was already used', () => {
    expect(decideLogout({ ...live, usedAt: now }, 'user-1')).toBe(true);
  });

  it('ignores a token of another user', () => {
    expect(decideLogout(live, 'user-2')).toBe(false);
  });

  it('ignores an unknown token', () => {
    expect(decideLogout(undefined, 'user-1')).toBe(false);
  });

  it('ignores a token whose family is already revoked', () => {
    expect(decideLogout({ ...live, familyRevokedAt: now }, 'user-1')).toBe(false);
  });
});

describe('refresh token expiry', () => {
  it('is the issue time plus the lifetime in seconds', () => {
    expect(refreshTokenExpiry(now, 604_800).toISOString()).toBe('2026-11-30T10:00:00.000Z');
  });
});
