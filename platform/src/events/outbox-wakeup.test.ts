import { silentLogger } from './event-logger';
import { OutboxWakeup } from './outbox-wakeup';

describe('OutboxWakeup without a database (polling only)', () => {
  it('returns at once when a notification arrived since the generation the caller saw', async () => {
    const wakeup = new OutboxWakeup(undefined, silentLogger);
    const seen = wakeup.seen;
    wakeup.notify();
    const started = Date.now();
    await wakeup.wait(60_000, seen);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('wakes every waiting loop on one notification', async () => {
    const wakeup = new OutboxWakeup(undefined, silentLogger);
    const seen = wakeup.seen;
    const woken: number[] = [];
    const waits = [1, 2].map((n) => wakeup.wait(60_000, seen).then(() => woken.push(n)));
    wakeup.notify();
    await Promise.all(waits);
    expect(woken.sort()).toEqual([1, 2]);
  });

  it('resolves after the poll interval when nothing is notified', async () => {
    const wakeup = new OutboxWakeup(undefined, silentLogger);
    await expect(wakeup.wait(5, wakeup.seen)).resolves.toBeUndefined();
  });

  it('releases waiters when stopped', async () => {
    const wakeup = new OutboxWakeup(undefined, silentLogger);
    const waiting = wakeup.wait(60_000, wakeup.seen);
    await wakeup.stop();
    await expect(waiting).resolves.toBeUndefined();
  });
});
