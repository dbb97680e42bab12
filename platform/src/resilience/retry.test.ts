import { Deadline, DeadlineExceededError } from './deadline';
import { retry, type RetryAttempt } from './retry';

function failingTimes(failures: number, result = 'ok') {
  let calls = 0;
  const operation = jest.fn(async (_attempt: RetryAttempt) => {
    calls++;
    if (calls <= failures) throw new Error(`failure ${calls}`);
    return result;
  });
  return operation;
}

const noSleep = jest.fn(async () => undefined);

describe('retry', () => {
  beforeEach(() => noSleep.mockClear());

  it('returns the first success without sleeping', async () => {
    const operation = failingTimes(0);
    await expect(retry(operation, { maxAttempts: 3, sleep: noSleep })).resolves.toBe('ok');
    expect(operation).toHaveBeenCalledTimes(1);
    expect(noSleep).not.toHaveBeenCalled();
  });

  it('retries until the operation succeeds within the attempt budget', async () => {
    const operation = failingTimes(2);
    await expect(retry(operation, { maxAttempts: 3, sleep: noSleep })).resolves.toBe('ok');
    expect(operation.mock.calls.map(([call]) => call.attempt)).toEqual([1, 2, 3]);
  });

  it('throws the last error unchanged when attempts run out', async () => {
    const operation = failingTimes(5);
    await expect(retry(operation, { maxAttempts: 3, sleep: noSleep })).rejects.toThrow('failure 3');
    expect(operation).toHaveBeenCalledTimes(3);
  });

  it('sleeps a full-jitter delay that doubles its ceiling each retry', async () => {
    const operation = failingTimes(4);
    await retry(operation, {
      maxAttempts: 5,
      baseDelayMs: 100,
      maxDelayMs: 500,
      random: () => 0.5,
      sleep: noSleep,
    });
    expect(noSleep.mock.calls.map((call: unknown[]) => call[0])).toEqual([50, 100, 200, 250]);
  });

  it('stops at once when the predicate calls the error permanent', async () => {
    const operation = failingTimes(5);
    const shouldRetry = jest.fn(() => false);
    await expect(retry(operation, { maxAttempts: 5, shouldRetry, sleep: noSleep })).rejects.toThrow(
      'failure 1',
    );
    expect(shouldRetry).toHaveBeenCalledWith(expect.any(Error), 1);
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('reports each retry with its attempt, error and delay', async () => {
    const onRetry = jest.fn();
    await retry(failingTimes(1), { maxAttempts: 2, random: () => 0, sleep: noSleep, onRetry });
    expect(onRetry).toHaveBeenCalledWith({
      attempt: 1,
      error: expect.objectContaining({ message: 'failure 1' }),
      delayMs: 0,
    });
  });

  it('rejects a maxAttempts below one', async () => {
    await expect(retry(failingTimes(0), { maxAttempts: 0 })).rejects.toThrow(RangeError);
  });

  describe('with fake timers', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('aborts the sleep between attempts when the caller aborts', async () => {
      const controller = new AbortController();
      const operation = failingTimes(5);
      const pending = retry(operation, {
        maxAttempts: 5,
        baseDelayMs: 1000,
        random: () => 0.9,
        signal: controller.signal,
      });
      const assertion = expect(pending).rejects.toThrow('caller gave up');
      await jest.advanceTimersByTimeAsync(100);
      controller.abort(new Error('caller gave up'));
      await assertion;
      expect(operation).toHaveBeenCalledTimes(1);
    });

    it('gives up without sleeping when the next delay would outlast the deadline', async () => {
      const operation = failingTimes(5);
      const deadline = Deadline.after(1000);
      const pending = retry(operation, {
        maxAttempts: 5,
        baseDelayMs: 800,
        random: () => 0.99,
        deadline,
      });
      const assertion = expect(pending).rejects.toThrow('failure 2');
      await jest.advanceTimersByTimeAsync(800);
      await assertion;
      expect(operation).toHaveBeenCalledTimes(2);
    });

    it('hands each attempt a signal that aborts when the deadline passes', async () => {
      const deadline = Deadline.after(300);
      const pending = retry(
        ({ signal }) =>
          new Promise((_resolve, reject) =>
            signal.addEventListener('abort', () => reject(signal.reason)),
          ),
        { maxAttempts: 3, deadline },
      );
      const assertion = expect(pending).rejects.toBeInstanceOf(DeadlineExceededError);
      await jest.advanceTimersByTimeAsync(300);
      await assertion;
    });

    it('refuses to start when the deadline has already passed', async () => {
      const operation = failingTimes(0);
      const deadline = Deadline.after(0);
      await expect(retry(operation, { maxAttempts: 3, deadline })).rejects.toThrow(
        DeadlineExceededError,
      );
      expect(operation).not.toHaveBeenCalled();
    });
  });
});
