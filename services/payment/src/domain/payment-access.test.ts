import { canSeePayment } from './payment-access';

const payment = { customerId: 'ada' };

describe('who may see a payment', () => {
  it('lets the customer who paid see it', () => {
    expect(canSeePayment(payment, { userId: 'ada', roles: ['customer'] })).toBe(true);
  });

  it('lets admins and services see any payment', () => {
    expect(canSeePayment(payment, { userId: 'root', roles: ['admin'] })).toBe(true);
    expect(canSeePayment(payment, { userId: 'orders', roles: ['service'] })).toBe(true);
  });

  it('hides it from another customer or a partner', () => {
    expect(canSeePayment(payment, { userId: 'bob', roles: ['customer'] })).toBe(false);
    expect(canSeePayment(payment, { userId: 'acme', roles: ['partner'] })).toBe(false);
  });
});
