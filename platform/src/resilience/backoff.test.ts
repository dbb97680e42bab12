import { fullJitterDelayMs, sleep } from './backoff';

describe('fullJitterDelayMs', () => {
  const options = { baseDelayMs: 100, maxDelayMs: 1000 };

  it('scales the random fraction by base · 2^retry', () => {
    expect([0, 1, 2].map((retry) => fullJitterDelayMs(retry, options, () => 0.5))).toEqual([
      50, 100, 200,
    ]);
  });

  it('never exceeds the cap however many retries came before', () => {
    expect(fullJitterDelayMs(30, options, () => 0.999)).toBe(999);
  });

  it('can pick zero, the bottom of the full-jitter range', () => {
    expect(fullJitterDelayMs(3, options, () => 0)).toBe(0);
  });
});

describe('sleep', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('resolves once the delay has passed', async () => {
    let done = false;
    const pending = sleep(500).then(() => (done = true));
    await jest.advanceTimersByTimeAsync(499);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await pending;
    expect(done).toBe(true);
  });

  it('rejects with the abort reason as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    controller.abort(new Error('shutting down'));
    await expect(pending).rejects.toThrow('shutting down');
  });
});
