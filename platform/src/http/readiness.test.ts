import { Readiness } from './readiness';

describe('Readiness', () => {
  it('is ready with no checks', async () => {
    await expect(new Readiness().evaluate()).resolves.toEqual({ status: 'ready', checks: {} });
  });

  it('is not ready when one check fails, and reports each check', async () => {
    const readiness = new Readiness()
      .register('database', async () => undefined)
      .register('broker', async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:5672');
      });
    const report = await readiness.evaluate();
    expect(report.status).toBe('not-ready');
    expect(report.checks['database']).toMatchObject({ status: 'up' });
    expect(report.checks['broker']).toMatchObject({
      status: 'down',
      error: 'connect ECONNREFUSED 127.0.0.1:5672',
    });
  });

  describe('with fake timers', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('counts a check that outlives its timeout as down and aborts it', async () => {
      let signal: AbortSignal | undefined;
      const readiness = new Readiness({ checkTimeoutMs: 500 }).register('database', (s) => {
        signal = s;
        return new Promise(() => undefined);
      });
      const pending = readiness.evaluate();
      await jest.advanceTimersByTimeAsync(500);
      const report = await pending;
      expect(report.checks['database']).toMatchObject({
        status: 'down',
        error: 'readiness check "database" timed out after 500 ms',
      });
      expect(signal?.aborted).toBe(true);
    });
  });

  it('reports shutting-down once shutdown begins even when every check passes', async () => {
    const readiness = new Readiness().register('database', async () => undefined);
    readiness.markShuttingDown();
    await expect(readiness.evaluate()).resolves.toMatchObject({ status: 'shutting-down' });
  });

  it('refuses two checks with the same name', () => {
    const readiness = new Readiness().register('database', async () => undefined);
    expect(() => readiness.register('database', async () => undefined)).toThrow(
      'already registered',
    );
  });
});
