import { EventEmitter } from 'node:events';
import { Readiness } from '../http/readiness';
import { createLogger } from '../telemetry/logger';
import { FORCED_EXIT_CODE, runService, type ProcessLike } from './run-service';

class FakeProcess extends EventEmitter implements ProcessLike {
  readonly exits: number[] = [];
  exit(code: number): void {
    this.exits.push(code);
  }
}

const logger = createLogger({ service: 'test', level: 'silent' });

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('runService', () => {
  it('runs the stoppers in reverse order on SIGTERM and exits 0', async () => {
    const proc = new FakeProcess();
    const order: string[] = [];
    await runService({
      logger,
      process: proc,
      start: async (lifecycle) => {
        lifecycle.addStopper('pg pool', () => void order.push('pg pool'));
        lifecycle.addStopper('outbox relay', () => void order.push('outbox relay'));
        lifecycle.addStopper('consumer', () => void order.push('consumer'));
      },
    });
    proc.emit('SIGTERM', 'SIGTERM');
    await settle();
    expect(order).toEqual(['consumer', 'outbox relay', 'pg pool']);
    expect(proc.exits).toEqual([0]);
  });

  it('exits 1 when a stopper fails, after still running the others', async () => {
    const proc = new FakeProcess();
    const order: string[] = [];
    await runService({
      logger,
      process: proc,
      start: async (lifecycle) => {
        lifecycle.addStopper('pool', () => void order.push('pool'));
        lifecycle.addStopper('consumer', () => {
          throw new Error('channel already closed');
        });
      },
    });
    proc.emit('SIGINT', 'SIGINT');
    await settle();
    expect(order).toEqual(['pool']);
    expect(proc.exits).toEqual([1]);
  });

  it('exits at once with 130 on a second signal during shutdown', async () => {
    const proc = new FakeProcess();
    await runService({
      logger,
      process: proc,
      start: async (lifecycle) =>
        lifecycle.addStopper('stuck relay', () => new Promise(() => undefined)),
    });
    proc.emit('SIGTERM', 'SIGTERM');
    proc.emit('SIGTERM', 'SIGTERM');
    expect(proc.exits).toEqual([FORCED_EXIT_CODE]);
  });

  it('stops what had started and exits 1 when starting fails', async () => {
    const proc = new FakeProcess();
    const stopped: string[] = [];
    await runService({
      logger,
      process: proc,
      start: async (lifecycle) => {
        lifecycle.addStopper('pg pool', () => void stopped.push('pg pool'));
        throw new Error('RabbitMQ unreachable');
      },
    });
    expect(stopped).toEqual(['pg pool']);
    expect(proc.exits).toEqual([1]);
  });

  it('marks the instance not ready before anything stops', async () => {
    const proc = new FakeProcess();
    const readiness = new Readiness();
    let readyWhenStopping: boolean | undefined;
    await runService({
      logger,
      process: proc,
      readiness,
      start: async (lifecycle) =>
        lifecycle.addStopper('pool', () => void (readyWhenStopping = !readiness.isShuttingDown)),
    });
    proc.emit('SIGTERM', 'SIGTERM');
    await settle();
    expect(readyWhenStopping).toBe(false);
  });

  describe('with fake timers', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('gives up on a stopper that outlives its timeout and exits 1', async () => {
      const proc = new FakeProcess();
      await runService({
        logger,
        process: proc,
        stopperTimeoutMs: 1000,
        start: async (lifecycle) =>
          lifecycle.addStopper('stuck', () => new Promise(() => undefined)),
      });
      proc.emit('SIGTERM', 'SIGTERM');
      await jest.advanceTimersByTimeAsync(1000);
      expect(proc.exits).toEqual([1]);
    });
  });
});
