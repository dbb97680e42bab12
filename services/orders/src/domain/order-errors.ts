/**
 * The order's rule violations: a decision the aggregate refuses throws an OrderRuleError with a
 * stable code; use cases map each code to the contract's answer (errors.ts), never the reverse.
 */

export type OrderRuleCode =
  | 'NO_SUCH_ORDER'
  | 'ALREADY_PLACED'
  | 'EMPTY_ORDER'
  | 'TOO_MANY_LINES'
  | 'DUPLICATE_PRODUCT'
  | 'INVALID_QUANTITY'
  | 'CURRENCY_MISMATCH'
  | 'NOT_PAYABLE'
  | 'NOT_CANCELABLE'
  | 'CANCEL_FORBIDDEN'
  | 'NOT_FULFILLABLE';

export class OrderRuleError extends Error {
  override readonly name = 'OrderRuleError';

  constructor(
    readonly code: OrderRuleCode,
    message: string,
    /** For DUPLICATE_PRODUCT and INVALID_QUANTITY: the index of the offending line. */
    readonly lineIndex?: number,
  ) {
    super(message);
  }
}
