/**
 * Checked provider states: a state with no handler or a handler that throws is remembered and
 * reported after the verification, since Pact JS itself lets both pass.
 */
import { checkedStateHandlers } from './checked-states';

type Lookup = Record<string, (params?: unknown) => Promise<unknown>>;

describe('checked provider states', () => {
  it('runs a known state with its parameters and hands back what it returns', async () => {
    const seen: unknown[] = [];
    const states = checkedStateHandlers({
      'product {productId} exists': async (params?: { productId: string }) => {
        seen.push(params);
        return { productId: params?.productId };
      },
    });
    const handlers = states.stateHandlers as unknown as Lookup;
    await expect(handlers['product {productId} exists']!({ productId: 'p-1' })).resolves.toEqual({
      productId: 'p-1',
    });
    expect(seen).toEqual([{ productId: 'p-1' }]);
    expect(() => states.assertAllSetUp()).not.toThrow();
  });

  it('checks the setup of a handler written as { setup, teardown }', async () => {
    const states = checkedStateHandlers({
      'a product exists': {
        setup: async () => {
          throw new Error('no database');
        },
      },
    });
    const handlers = states.stateHandlers as unknown as Record<string, { setup: () => unknown }>;
    await expect(handlers['a product exists']!.setup()).rejects.toThrow('no database');
    expect(() => states.assertAllSetUp()).toThrow(/"a product exists" failed: no database/);
  });

  it('reports a state nobody handles', async () => {
    const states = checkedStateHandlers({});
    const handlers = states.stateHandlers as unknown as Lookup;
    await handlers['the moon is full']!();
    expect(() => states.assertAllSetUp()).toThrow(/"the moon is full" has no handler/);
  });

  it('can be logged and awaited like any object without a state being reported', async () => {
    const states = checkedStateHandlers({ 'a product exists': async () => undefined });
    expect(JSON.parse(JSON.stringify(states.stateHandlers))).toEqual({});
    expect(await Promise.resolve(states.stateHandlers)).toBe(states.stateHandlers);
    expect(String(states.stateHandlers)).toBe('[object Object]');
    expect(() => states.assertAllSetUp()).not.toThrow();
  });

  it('reports a state whose setup failed, and still fails the setup itself', async () => {
    const states = checkedStateHandlers({
      'a full database': async () => {
        throw new Error('disk full');
      },
    });
    const handlers = states.stateHandlers as unknown as Lookup;
    await expect(handlers['a full database']!()).rejects.toThrow('disk full');
    expect(() => states.assertAllSetUp()).toThrow(/"a full database" failed: disk full/);
  });
});
