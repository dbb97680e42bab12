import { DEFAULT_RETRY, resolveRetrySettings } from './retry-settings';

describe('resolveRetrySettings', () => {
  it('defaults to five attempts with retries after 1 s, 5 s, 30 s and 2 min', () => {
    expect(resolveRetrySettings()).toEqual(DEFAULT_RETRY);
  });

  it('repeats the last delay when fewer delays than retries are given', () => {
    expect(resolveRetrySettings({ maxAttempts: 4, delaysMs: [10, 50] }).delaysMs).toEqual([
      10, 50, 50,
    ]);
  });

  it('allows a single attempt with no delays', () => {
    expect(resolveRetrySettings({ maxAttempts: 1, delaysMs: [] })).toEqual({
      maxAttempts: 1,
      delaysMs: [],
    });
  });

  it('refuses more delays than retries, naming both numbers', () => {
    expect(() => resolveRetrySettings({ maxAttempts: 2, delaysMs: [1, 2] })).toThrow(
      /has 2 delays but maxAttempts 2 allows only 1 retries/,
    );
  });

  it('refuses a non-positive delay naming its index', () => {
    expect(() => resolveRetrySettings({ maxAttempts: 3, delaysMs: [5, 0] })).toThrow(
      /delaysMs\[1\]/,
    );
  });

  it('refuses a maxAttempts below one', () => {
    expect(() => resolveRetrySettings({ maxAttempts: 0 })).toThrow(
      /maxAttempts must be an integer/,
    );
  });
});
