import { addLogContext, getLogContext, runWithLogContext } from './log-context';

describe('log context', () => {
  it('is empty outside any unit of work', () => {
    expect(getLogContext()).toEqual({});
  });

  it('follows awaited work and timers started inside the context', async () => {
    const seen = await runWithLogContext({ correlationId: 'c-1' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return getLogContext().correlationId;
    });
    expect(seen).toBe('c-1');
  });

  it('lets a nested context add fields without changing the outer one', () => {
    runWithLogContext({ correlationId: 'c-1' }, () => {
      runWithLogContext({ eventId: 'e-1' }, () =>
        expect(getLogContext()).toEqual({ correlationId: 'c-1', eventId: 'e-1' }),
      );
      expect(getLogContext()).toEqual({ correlationId: 'c-1' });
    });
  });

  it('keeps two concurrent units of work apart', async () => {
    const a = runWithLogContext({ correlationId: 'a' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return getLogContext().correlationId;
    });
    const b = runWithLogContext({ correlationId: 'b' }, async () => getLogContext().correlationId);
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
  });

  it('refuses to add fields outside a unit of work', () => {
    expect(addLogContext({ userId: 'u' })).toBe(false);
    expect(getLogContext()).toEqual({});
  });
});
