import {
  ContractProblem,
  problem,
  type AuthContext,
} from '@bazaar/generated/http/runtime/server-runtime';
import { hasRole, requireOwnership, requireRole } from './role-guard';

const customer: AuthContext = { userId: 'u-1', roles: ['customer'], token: 't', claims: {} };
const admin: AuthContext = { userId: 'u-admin', roles: ['admin'], token: 't', claims: {} };

function thrownBy(fn: () => void): ContractProblem {
  try {
    fn();
  } catch (err) {
    if (err instanceof ContractProblem) return err;
    throw err;
  }
  throw new Error('expected a ContractProblem');
}

describe('requireRole', () => {
  it('passes when the caller has one of the roles', () => {
    expect(() => requireRole(admin, 'admin', 'service')).not.toThrow();
  });

  it('answers 403 naming the roles when the caller has none of them', () => {
    expect(thrownBy(() => requireRole(customer, 'admin')).problem).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
      detail: 'this operation requires the admin role',
    });
  });

  it('answers 401 when there is no caller', () => {
    expect(thrownBy(() => requireRole(undefined, 'admin')).problem.status).toBe(401);
  });
});

describe('hasRole', () => {
  it('is false without a caller', () => {
    expect(hasRole(undefined, 'admin')).toBe(false);
  });
});

describe('requireOwnership', () => {
  it('passes for the owner', () => {
    expect(() => requireOwnership(customer, 'u-1', { otherwise: 'not-found' })).not.toThrow();
  });

  it('answers 404 to another user when asked to hide existence', () => {
    const error = thrownBy(() =>
      requireOwnership(customer, 'u-2', { otherwise: 'not-found', resource: 'order' }),
    );
    expect(error.problem).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      detail: 'order not found',
    });
  });

  it('answers 403 to another user when asked to forbid', () => {
    expect(
      thrownBy(() => requireOwnership(customer, 'u-2', { otherwise: 'forbidden' })).problem.status,
    ).toBe(403);
  });

  it('throws the service problem it is given', () => {
    const own = () =>
      new ContractProblem(problem(404, 'ORDERS_ERR_ORDER_NOT_FOUND', 'Order not found'));
    expect(thrownBy(() => requireOwnership(customer, 'u-2', { otherwise: own })).problem.code).toBe(
      'ORDERS_ERR_ORDER_NOT_FOUND',
    );
  });

  it("lets a bypass role act on anyone's resource", () => {
    expect(() =>
      requireOwnership(admin, 'u-1', { otherwise: 'not-found', bypassRoles: ['admin'] }),
    ).not.toThrow();
  });
});
