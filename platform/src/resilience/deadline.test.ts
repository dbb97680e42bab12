import { Deadline, DeadlineExceededError, withTimeout } from './deadline';

describe('Deadline', () => {
  let now = 1_000_000;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000_000;
  });

  it('counts the remaining time down with the clock and never below zero', () => {
    const deadline = Deadline.after(500, clock);
    now += 200;
    expect(deadline.remainingMs()).toBe(300);
    now += 1000;
    expect(deadline.remainingMs()).toBe(0);
    expect(deadline.expired).toBe(true);
  });

  it('narrows to a sub-call budget but never extends past itself', () => {
    const deadline = Deadline.after(500, clock);
    expect(deadline.within(100).remainingMs()).toBe(100);
    expect(deadline.within(10_000).remainingMs()).toBe(500);
  });

  it('gives gRPC the same absolute instant as a Date', () => {
    expect(Deadline.at(1_234_567, clock).toGrpcDeadline()).toEqual(new Date(1_234_567));
  });

  it('throws DeadlineExceededError naming the work once expired', () => {
    const deadline = Deadline.after(0, clock);
    expect(() => deadline.throwIfExpired('ReserveStock')).toThrow(
      'ReserveStock: deadline exceeded',
    );
  });

  describe('signal', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('aborts with DeadlineExceededError when the deadline passes', async () => {
      const signal = Deadline.after(250).signal();
      await jest.advanceTimersByTimeAsync(249);
      expect(signal.aborted).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      expect(signal.reason).toBeInstanceOf(DeadlineExceededError);
    });

    it('is already aborted for an expired deadline', () => {
      expect(Deadline.after(-5).signal().aborted).toBe(true);
    });
  });
});

describe('withTimeout', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('resolves with the work result when it finishes in time', async () => {
    await expect(withTimeout(async () => 'done', 100)).resolves.toBe('done');
  });

  it('rejects with DeadlineExceededError and aborts the work when time runs out', async () => {
    let workSignal: AbortSignal | undefined;
    const pending = withTimeout(
      (signal) => {
        workSignal = signal;
        return new Promise(() => undefined);
      },
      100,
      { what: 'charge' },
    );
    const assertion = expect(pending).rejects.toThrow('charge timed out after 100 ms');
    await jest.advanceTimersByTimeAsync(100);
    await assertion;
    expect(workSignal?.aborted).toBe(true);
  });

  it('rejects with the caller reason when the caller aborts first', async () => {
    const controller = new AbortController();
    const pending = withTimeout(() => new Promise(() => undefined), 1000, {
      signal: controller.signal,
    });
    controller.abort(new Error('client went away'));
    await expect(pending).rejects.toThrow('client went away');
  });

  it('leaves no timer behind when the work settles first', async () => {
    await withTimeout(async () => 1, 60_000);
    expect(jest.getTimerCount()).toBe(0);
  });
});
