import { decideAdjustment, isAdjustmentReason } from './stock-adjustment';
import { MAX_UNITS } from './stock-level';

describe('stock adjustment decision', () => {
  it('adds a positive delta to on hand', () => {
    expect(decideAdjustment({ onHand: 5, reserved: 2 }, 10)).toEqual({
      kind: 'applied',
      after: { onHand: 15, reserved: 2 },
    });
  });

  it('removes units that are available', () => {
    expect(decideAdjustment({ onHand: 5, reserved: 2 }, -3)).toEqual({
      kind: 'applied',
      after: { onHand: 2, reserved: 2 },
    });
  });

  it('refuses to remove reserved units, reporting what is available', () => {
    expect(decideAdjustment({ onHand: 5, reserved: 2 }, -4)).toEqual({
      kind: 'insufficient-stock',
      available: 3,
    });
  });

  it('refuses a delta that would overflow on hand', () => {
    expect(decideAdjustment({ onHand: MAX_UNITS - 1, reserved: 0 }, 2)).toEqual({
      kind: 'too-much-stock',
      onHand: MAX_UNITS - 1,
    });
  });

  it('knows the reasons of the contract and nothing else', () => {
    expect(isAdjustmentReason('SENSOR')).toBe(true);
    expect(isAdjustmentReason('THEFT')).toBe(false);
  });
});
