import { MAX_UNITS, applyEffect, availableOf, becameDepleted } from './stock-level';
import { InvariantViolation } from './domain-errors';

describe('stock level', () => {
  it('has available = on hand - reserved', () => {
    expect(availableOf({ onHand: 12, reserved: 5 })).toBe(7);
  });

  it('applies an effect that keeps every count non-negative', () => {
    expect(applyEffect({ onHand: 10, reserved: 2 }, { onHandDelta: 0, reservedDelta: 8 })).toEqual({
      onHand: 10,
      reserved: 10,
    });
  });

  it('refuses an effect that would make available stock negative', () => {
    expect(() =>
      applyEffect({ onHand: 10, reserved: 2 }, { onHandDelta: 0, reservedDelta: 9 }),
    ).toThrow(InvariantViolation);
  });

  it('refuses an effect that would make reserved negative', () => {
    expect(() =>
      applyEffect({ onHand: 10, reserved: 2 }, { onHandDelta: 0, reservedDelta: -3 }),
    ).toThrow(/reserved would become -1/);
  });

  it('refuses an effect that would take on hand past the int32 range', () => {
    expect(() =>
      applyEffect({ onHand: MAX_UNITS, reserved: 0 }, { onHandDelta: 1, reservedDelta: 0 }),
    ).toThrow(/on hand would exceed/);
  });

  it('calls a change that takes the last available units a depletion', () => {
    expect(becameDepleted({ onHand: 3, reserved: 1 }, { onHand: 3, reserved: 3 })).toBe(true);
  });

  it('does not call a change a depletion when nothing was available before', () => {
    expect(becameDepleted({ onHand: 3, reserved: 3 }, { onHand: 2, reserved: 2 })).toBe(false);
  });

  it('does not call a change a depletion when units remain available', () => {
    expect(becameDepleted({ onHand: 3, reserved: 0 }, { onHand: 3, reserved: 2 })).toBe(false);
  });
});
