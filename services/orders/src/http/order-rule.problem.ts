/**
 * The contract answer to an order rule the aggregate refused (domain/order-errors.ts): each rule
 * code has exactly one catalog code (errors.ts) and status.
 */
import { OrderRuleError, type OrderRuleCode } from '../domain/order-errors';
import { ordersErrors, type OrdersErrorCode } from '../errors';

const CATALOG_CODE: Partial<Record<OrderRuleCode, OrdersErrorCode>> = {
  NOT_PAYABLE: 'ORDERS_ERR_NOT_PAYABLE',
  NOT_CANCELABLE: 'ORDERS_ERR_NOT_CANCELABLE',
  CANCEL_FORBIDDEN: 'ORDERS_ERR_CANCEL_FORBIDDEN',
  NOT_FULFILLABLE: 'ORDERS_ERR_NOT_FULFILLABLE',
  CURRENCY_MISMATCH: 'ORDERS_ERR_CURRENCY_MISMATCH',
};

/** The problem for `error` when it is a rule with a contract answer; undefined otherwise. */
export function ruleProblem(error: unknown): ReturnType<typeof ordersErrors.problem> | undefined {
  if (!(error instanceof OrderRuleError)) return undefined;
  const code = CATALOG_CODE[error.code];
  return code ? ordersErrors.problem(code, error.message) : undefined;
}
