import {
  decideCommit,
  decideRelease,
  decideRepeatReserve,
  hasLapsed,
  reservationEffects,
  type Reservation,
} from './reservation';

const NOW = new Date('2026-11-23T10:30:00.000Z');
const ITEMS = [{ productId: '3f6c1a2e-8b4d-4c6e-9f1a-2b3c4d5e6f70', quantity: 2 }];

function reservation(overrides: Partial<Reservation> = {}): Reservation {
  return {
    id: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a',
    orderId: '8c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f',
    status: 'ACTIVE',
    items: ITEMS,
    expiresAt: new Date(NOW.getTime() + 60_000),
    createdAt: NOW,
    committedAt: null,
    releasedAt: null,
    releaseReason: null,
    ...overrides,
  };
}

const lapsed = () => reservation({ expiresAt: new Date(NOW.getTime() - 1) });

describe('reservation rules', () => {
  it('lapses once its expiry has passed while still active', () => {
    expect(hasLapsed(lapsed(), NOW)).toBe(true);
    expect(hasLapsed(reservation(), NOW)).toBe(false);
    expect(hasLapsed({ ...lapsed(), status: 'COMMITTED' }, NOW)).toBe(false);
  });

  it('answers a repeated reservation of the same items as already reserved', () => {
    expect(decideRepeatReserve(reservation(), ITEMS, NOW).kind).toBe('already-reserved');
  });

  it('answers a repeat as already reserved after the order was paid (committed)', () => {
    expect(decideRepeatReserve(reservation({ status: 'COMMITTED' }), ITEMS, NOW).kind).toBe(
      'already-reserved',
    );
  });

  it('refuses a repeat for other items', () => {
    expect(decideRepeatReserve(reservation(), [{ ...ITEMS[0]!, quantity: 3 }], NOW).kind).toBe(
      'other-items',
    );
  });

  it('never reserves again for an order whose reservation was released', () => {
    const released = reservation({
      status: 'RELEASED',
      releasedAt: NOW,
      releaseReason: 'ORDER_CANCELED',
    });
    expect(decideRepeatReserve(released, ITEMS, NOW).kind).toBe('ended');
  });

  it('releases a lapsed reservation found by a repeat', () => {
    expect(decideRepeatReserve(lapsed(), ITEMS, NOW).kind).toBe('lapsed');
  });

  it('has nothing to release for an order without a reservation', () => {
    expect(decideRelease(undefined).kind).toBe('nothing-to-release');
  });

  it('releases an active or committed reservation, saying from which state', () => {
    expect(decideRelease(reservation())).toEqual({ kind: 'release', from: 'ACTIVE' });
    expect(decideRelease(reservation({ status: 'COMMITTED', committedAt: NOW }))).toEqual({
      kind: 'release',
      from: 'COMMITTED',
    });
  });

  it('answers a repeated release as already released', () => {
    const released = reservation({
      status: 'RELEASED',
      releasedAt: NOW,
      releaseReason: 'ORDER_CANCELED',
    });
    expect(decideRelease(released).kind).toBe('already-released');
  });

  it('commits an active reservation before its expiry', () => {
    expect(decideCommit(reservation(), NOW).kind).toBe('commit');
  });

  it('answers each other commit case by the reservation state', () => {
    expect(decideCommit(undefined, NOW).kind).toBe('no-reservation');
    expect(decideCommit(reservation({ status: 'COMMITTED', committedAt: NOW }), NOW).kind).toBe(
      'already-committed',
    );
    expect(decideCommit(lapsed(), NOW).kind).toBe('lapsed');
    expect(
      decideCommit(
        reservation({ status: 'RELEASED', releasedAt: NOW, releaseReason: 'RESERVATION_EXPIRED' }),
        NOW,
      ).kind,
    ).toBe('expired');
    expect(
      decideCommit(
        reservation({ status: 'RELEASED', releasedAt: NOW, releaseReason: 'ORDER_CANCELED' }),
        NOW,
      ).kind,
    ).toBe('released');
  });

  it('moves units between on hand and reserved as each transition requires', () => {
    expect(reservationEffects.reserve(2)).toEqual({ onHandDelta: 0, reservedDelta: 2 });
    expect(reservationEffects.releaseActive(2)).toEqual({ onHandDelta: 0, reservedDelta: -2 });
    expect(reservationEffects.releaseCommitted(2)).toEqual({ onHandDelta: 2, reservedDelta: 0 });
    expect(reservationEffects.commit(2)).toEqual({ onHandDelta: -2, reservedDelta: -2 });
  });
});
