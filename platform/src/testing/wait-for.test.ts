import { waitFor, waitForStable } from './wait-for';

describe('waitFor', () => {
  it('resolves with the first truthy value', async () => {
    let calls = 0;
    await expect(waitFor(() => (++calls >= 3 ? calls : 0), { intervalMs: 1 })).resolves.toBe(3);
  });

  it('rejects after the timeout naming what it waited for', async () => {
    await expect(
      waitFor(() => false, { timeoutMs: 30, intervalMs: 5, description: 'the moon' }),
    ).rejects.toThrow(/waiting for the moon/);
  });

  it('keeps polling when the check throws and reports the last error', async () => {
    await expect(
      waitFor(
        () => {
          throw new Error('not yet');
        },
        { timeoutMs: 30, intervalMs: 5 },
      ),
    ).rejects.toThrow(/last: not yet/);
  });
});

describe('waitForStable', () => {
  it('returns a value once it stops changing', async () => {
    let n = 0;
    const value = await waitForStable(async () => Math.min(++n, 5), {
      stableMs: 30,
      intervalMs: 2,
    });
    expect(value).toBe(5);
  });
});
