import { decideRoleChange, parseRoleSet, withAdmin } from './roles';

describe('a new set of roles', () => {
  it('is returned without duplicates in the canonical order', () => {
    expect(parseRoleSet(['partner', 'customer', 'partner'])).toEqual(['customer', 'partner']);
  });

  it('may not be empty', () => {
    expect(() => parseRoleSet([])).toThrow('roles must name at least one role');
  });

  it('may not contain the service role, which belongs to service tokens', () => {
    expect(() => parseRoleSet(['customer', 'service'])).toThrow(/must not include "service"/);
  });

  it('may not contain an unknown role', () => {
    expect(() => parseRoleSet(['customer', 'root'])).toThrow(
      'roles must contain only customer, admin, partner',
    );
  });
});

describe('adding admin to a set of roles', () => {
  it('keeps the other roles and the canonical order', () => {
    expect(withAdmin(['customer', 'partner'])).toEqual(['customer', 'admin', 'partner']);
  });
});

describe('changing roles', () => {
  it('refuses to take admin from the last admin', () => {
    expect(decideRoleChange(['customer', 'admin'], ['customer'], 1)).toEqual({
      allowed: false,
      reason: 'last-admin',
    });
  });

  it('takes admin from one of two admins', () => {
    expect(decideRoleChange(['admin'], ['customer'], 2)).toEqual({
      allowed: true,
      roles: ['customer'],
    });
  });

  it('lets the last admin change other roles while keeping admin', () => {
    expect(decideRoleChange(['admin'], ['admin', 'partner'], 1)).toEqual({
      allowed: true,
      roles: ['admin', 'partner'],
    });
  });

  it('changes the roles of a non-admin whatever the admin count', () => {
    expect(decideRoleChange(['customer'], ['partner'], 0)).toEqual({
      allowed: true,
      roles: ['partner'],
    });
  });
});
