import { CircuitOpenError, createCircuitBreaker } from './circuit-breaker';

const fail = async (): Promise<never> => {
  throw new Error('psp down');
};
const succeed = async () => 'charged';

describe('createCircuitBreaker', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  function pspBreaker(isFailure?: (error: Error) => boolean) {
    return createCircuitBreaker({
      name: 'psp',
      breaker: { kind: 'consecutive', threshold: 3 },
      halfOpenAfterMs: 30_000,
      ...(isFailure ? { isFailure } : {}),
    });
  }

  async function trip(breaker: ReturnType<typeof pspBreaker>, times = 3) {
    for (let i = 0; i < times; i++) await expect(breaker.execute(fail)).rejects.toThrow('psp down');
  }

  it('stays closed while failures stay below the threshold', async () => {
    const breaker = pspBreaker();
    await trip(breaker, 2);
    expect(breaker.state).toBe('closed');
    await expect(breaker.execute(succeed)).resolves.toBe('charged');
  });

  it('opens after the threshold of consecutive failures and stops calling the dependency', async () => {
    const breaker = pspBreaker();
    await trip(breaker);
    const call = jest.fn(succeed);
    await expect(breaker.execute(call)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(call).not.toHaveBeenCalled();
    expect(breaker.state).toBe('open');
  });

  it('reports the time left until half-open, for Retry-After', async () => {
    const breaker = pspBreaker();
    await trip(breaker);
    jest.advanceTimersByTime(10_000);
    expect(breaker.retryAfterMs()).toBe(20_000);
    const error = await breaker.execute(succeed).catch((err: unknown) => err);
    expect(error).toMatchObject({ circuit: 'psp', retryAfterMs: 20_000, retryAfterSeconds: 20 });
  });

  it('lets one trial call through after the open period and closes when it succeeds', async () => {
    const breaker = pspBreaker();
    const states: string[] = [];
    breaker.onStateChange((state) => states.push(state));
    await trip(breaker);
    jest.advanceTimersByTime(30_000);
    await expect(breaker.execute(succeed)).resolves.toBe('charged');
    expect(states).toEqual(['open', 'half-open', 'closed']);
    expect(breaker.retryAfterMs()).toBe(0);
  });

  it('opens again for a full period when the trial call fails', async () => {
    const breaker = pspBreaker();
    await trip(breaker);
    jest.advanceTimersByTime(30_000);
    await expect(breaker.execute(fail)).rejects.toThrow('psp down');
    expect(breaker.state).toBe('open');
    expect(breaker.retryAfterMs()).toBe(30_000);
  });

  it('does not count errors the predicate excludes, such as a card decline', async () => {
    const breaker = pspBreaker((error) => error.message !== 'declined');
    for (let i = 0; i < 5; i++) {
      await expect(
        breaker.execute(async () => {
          throw new Error('declined');
        }),
      ).rejects.toThrow('declined');
    }
    expect(breaker.state).toBe('closed');
  });

  it('fails fast while isolated and recovers when the isolation is disposed', async () => {
    const breaker = pspBreaker();
    const handle = breaker.isolate();
    await expect(breaker.execute(succeed)).rejects.toMatchObject({
      name: 'CircuitOpenError',
      retryAfterMs: 0,
    });
    handle.dispose();
    await expect(breaker.execute(succeed)).resolves.toBe('charged');
  });

  it('opens a sampling breaker when the failure ratio over the window passes the threshold', async () => {
    const breaker = createCircuitBreaker({
      name: 'catalog',
      breaker: { kind: 'sampling', threshold: 0.5, durationMs: 10_000, minimumRps: 0.2 },
      halfOpenAfterMs: 1000,
    });
    await breaker.execute(succeed);
    await breaker.execute(fail).catch(() => undefined);
    expect(breaker.state).toBe('closed');
    await breaker.execute(fail).catch(() => undefined);
    expect(breaker.state).toBe('open');
  });

  it('refuses a sampling breaker whose minimum rate is zero', () => {
    expect(() =>
      createCircuitBreaker({
        name: 'catalog',
        breaker: { kind: 'sampling', threshold: 0.5, durationMs: 10_000, minimumRps: 0 },
        halfOpenAfterMs: 1000,
      }),
    ).toThrow('minimumRps must be > 0');
  });
});
