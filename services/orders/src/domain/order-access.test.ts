import { cancelAccess, payAccess, readAccess } from './order-access';

const owner = { userId: 'u-1', isAdmin: false };
const stranger = { userId: 'u-2', isAdmin: false };
const admin = { userId: 'u-3', isAdmin: true };

describe('order access', () => {
  it('lets the customer and admins read an order and hides it from others', () => {
    expect([
      readAccess(owner, 'u-1'),
      readAccess(admin, 'u-1'),
      readAccess(stranger, 'u-1'),
    ]).toEqual(['allowed', 'allowed', 'hidden']);
  });

  it('lets only the customer pay: an admin is forbidden, anyone else does not see the order', () => {
    expect([payAccess(owner, 'u-1'), payAccess(admin, 'u-1'), payAccess(stranger, 'u-1')]).toEqual([
      'allowed',
      'forbidden',
      'hidden',
    ]);
  });

  it('forbids another customer to cancel, and lets an admin cancel as admin', () => {
    expect(cancelAccess(stranger, 'u-1')).toEqual({ access: 'forbidden', by: 'customer' });
    expect(cancelAccess(owner, 'u-1')).toEqual({ access: 'allowed', by: 'customer' });
    expect(cancelAccess(admin, 'u-1')).toEqual({ access: 'allowed', by: 'admin' });
  });
});
