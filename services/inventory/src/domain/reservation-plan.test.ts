import { planReservation } from './reservation-plan';

const A = '3f6c1a2e-8b4d-4c6e-9f1a-2b3c4d5e6f70';
const B = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
const C = '0b9d8c7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e';

describe('reservation planning', () => {
  const levels = new Map([
    [A, { onHand: 10, reserved: 8 }],
    [B, { onHand: 5, reserved: 0 }],
    [C, { onHand: 1, reserved: 1 }],
  ]);

  it('reserves every item when each fits in what is available', () => {
    const plan = planReservation(
      [
        { productId: A, quantity: 2 },
        { productId: B, quantity: 1 },
      ],
      levels,
    );
    expect(plan).toEqual({
      kind: 'reserve',
      items: [
        { productId: A, quantity: 2, after: { onHand: 10, reserved: 10 }, depleted: true },
        { productId: B, quantity: 1, after: { onHand: 5, reserved: 1 }, depleted: false },
      ],
    });
  });

  it('reserves nothing and lists every short item when any item lacks stock', () => {
    const plan = planReservation(
      [
        { productId: A, quantity: 3 },
        { productId: B, quantity: 1 },
        { productId: C, quantity: 1 },
      ],
      levels,
    );
    expect(plan).toEqual({
      kind: 'out-of-stock',
      shortages: [
        { productId: A, requested: 3, available: 2 },
        { productId: C, requested: 1, available: 0 },
      ],
    });
  });
});
