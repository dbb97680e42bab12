import { type PriceEntry, openingPrice, planPriceChange } from './price-history';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const at = (iso: string) => new Date(iso);

/** Applies planned changes the way the catalog stores them: close the open entry, open a new one. */
function historyAfter(start: PriceEntry, changes: { price: number; at: string }[]): PriceEntry[] {
  const history = [start];
  for (const { price, at: when } of changes) {
    const open = history[history.length - 1]!;
    const change = planPriceChange(open, usd(price), at(when));
    if (!change) continue;
    history[history.length - 1] = { ...open, validTo: change.effectiveAt };
    history.push(openingPrice(change.next, change.effectiveAt));
  }
  return history;
}

describe('price history (SCD2)', () => {
  it('opens the first entry at creation, with no end', () => {
    expect(openingPrice(usd(1299), at('2026-11-01T09:00:00Z'))).toEqual({
      price: usd(1299),
      validFrom: at('2026-11-01T09:00:00Z'),
      validTo: null,
    });
  });

  it('plans a new price to take effect at the requested instant', () => {
    const open = openingPrice(usd(1299), at('2026-11-01T09:00:00Z'));
    expect(planPriceChange(open, usd(1099), at('2026-11-20T16:30:00Z'))).toEqual({
      previous: usd(1299),
      next: usd(1099),
      effectiveAt: at('2026-11-20T16:30:00Z'),
    });
  });

  it('plans nothing when the new price equals the current one', () => {
    const open = openingPrice(usd(1299), at('2026-11-01T09:00:00Z'));
    expect(planPriceChange(open, usd(1299), at('2026-11-20T16:30:00Z'))).toBeUndefined();
  });

  it('treats the same amount in another currency as a new price', () => {
    const open = openingPrice(usd(1299), at('2026-11-01T09:00:00Z'));
    const change = planPriceChange(
      open,
      { amount: 1299, currency: 'EUR' },
      at('2026-11-02T00:00:00Z'),
    );
    expect(change?.next).toEqual({ amount: 1299, currency: 'EUR' });
  });

  it('starts the new entry 1 ms after the current one when the clock has not moved past it', () => {
    const open = openingPrice(usd(1299), at('2026-11-01T09:00:00.000Z'));
    expect(planPriceChange(open, usd(999), at('2026-11-01T09:00:00.000Z'))?.effectiveAt).toEqual(
      at('2026-11-01T09:00:00.001Z'),
    );
    expect(planPriceChange(open, usd(999), at('2026-10-01T00:00:00.000Z'))?.effectiveAt).toEqual(
      at('2026-11-01T09:00:00.001Z'),
    );
  });

  it('refuses to plan against an entry that is already closed', () => {
    const closed = {
      ...openingPrice(usd(1299), at('2026-11-01T09:00:00Z')),
      validTo: at('2026-11-02T00:00:00Z'),
    };
    expect(() => planPriceChange(closed, usd(999), at('2026-11-03T00:00:00Z'))).toThrow(/open/);
  });

  it('tiles time without gaps or overlaps after several changes, with one open entry last', () => {
    const history = historyAfter(openingPrice(usd(1000), at('2026-01-01T00:00:00Z')), [
      { price: 900, at: '2026-02-01T00:00:00Z' },
      { price: 900, at: '2026-02-15T00:00:00Z' },
      { price: 800, at: '2026-03-01T00:00:00Z' },
      { price: 850, at: '2026-03-01T00:00:00Z' },
    ]);
    expect(
      history.map((e) => [
        e.price.amount,
        e.validFrom.toISOString(),
        e.validTo?.toISOString() ?? null,
      ]),
    ).toEqual([
      [1000, '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'],
      [900, '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
      [800, '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.001Z'],
      [850, '2026-03-01T00:00:00.001Z', null],
    ]);
  });
});
