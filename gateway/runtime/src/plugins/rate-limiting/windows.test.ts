import { windowStarts } from './windows';

describe('windowStarts', () => {
  it('aligns every window to the UTC calendar', () => {
    const now = Date.UTC(2026, 6, 15, 13, 45, 30, 250);
    expect(windowStarts(now)).toEqual({
      second: Date.UTC(2026, 6, 15, 13, 45, 30),
      minute: Date.UTC(2026, 6, 15, 13, 45),
      hour: Date.UTC(2026, 6, 15, 13),
      day: Date.UTC(2026, 6, 15),
      month: Date.UTC(2026, 6, 1),
      year: Date.UTC(2026, 0, 1),
    });
  });

  it('moves to the next minute window exactly at :00', () => {
    expect(windowStarts(Date.UTC(2026, 0, 1, 0, 1, 0, 0)).minute).toBe(Date.UTC(2026, 0, 1, 0, 1));
    expect(windowStarts(Date.UTC(2026, 0, 1, 0, 0, 59, 999)).minute).toBe(
      Date.UTC(2026, 0, 1, 0, 0),
    );
  });
});
