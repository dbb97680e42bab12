import { decideStockLevel, inStockFrom, reportsFromItems } from './stock-level';

const t = (iso: string) => new Date(iso);
const report = (available: number, observedAt: string) => ({
  productId: 'p1',
  available,
  observedAt: t(observedAt),
});

describe('stock level ordering', () => {
  it('is in stock while at least one unit is available', () => {
    expect([inStockFrom(0), inStockFrom(1), inStockFrom(-1)]).toEqual([false, true, false]);
  });

  it('applies the first report a product gets', () => {
    expect(
      decideStockLevel({ inStock: false, observedAt: null }, report(5, '2026-11-01T10:00:00Z')),
    ).toEqual({
      kind: 'apply',
      state: { inStock: true, observedAt: t('2026-11-01T10:00:00Z') },
      flipped: true,
    });
  });

  it('ignores a report older than the level already applied', () => {
    const current = { inStock: true, observedAt: t('2026-11-01T10:00:00Z') };
    expect(decideStockLevel(current, report(0, '2026-11-01T09:59:59.999Z'))).toEqual({
      kind: 'stale',
    });
  });

  it('applies a report from the same instant as the last one', () => {
    const current = { inStock: true, observedAt: t('2026-11-01T10:00:00Z') };
    expect(decideStockLevel(current, report(0, '2026-11-01T10:00:00Z'))).toMatchObject({
      kind: 'apply',
      flipped: true,
    });
  });

  it('records a newer level that keeps the flag as it was, without a flip', () => {
    const current = { inStock: true, observedAt: t('2026-11-01T10:00:00Z') };
    expect(decideStockLevel(current, report(3, '2026-11-01T11:00:00Z'))).toEqual({
      kind: 'apply',
      state: { inStock: true, observedAt: t('2026-11-01T11:00:00Z') },
      flipped: false,
    });
  });

  it('ends on the newest level whatever order the reports arrive in', () => {
    const reports = [
      report(0, '2026-11-01T12:00:00Z'),
      report(7, '2026-11-01T11:00:00Z'),
      report(2, '2026-11-01T10:00:00Z'),
    ];
    let state = { inStock: true, observedAt: null as Date | null };
    for (const r of reports) {
      const decision = decideStockLevel(state, r);
      if (decision.kind === 'apply') state = { ...decision.state };
    }
    expect(state).toEqual({ inStock: false, observedAt: t('2026-11-01T12:00:00Z') });
  });

  it('makes one report per product of a reservation, the last item winning', () => {
    const at = t('2026-11-01T10:00:00Z');
    expect(
      reportsFromItems(
        [
          { productId: 'a', available: 4 },
          { productId: 'b', available: 0 },
          { productId: 'a', available: 3 },
        ],
        at,
      ),
    ).toEqual([
      { productId: 'a', available: 3, observedAt: at },
      { productId: 'b', available: 0, observedAt: at },
    ]);
  });
});
