/**
 * The order aggregate's domain events (past tense): what is appended to order_events, one per
 * change. They are internal to orders; the public order.created/paid/canceled/fulfilled events are
 * derived from them (use-cases/public-order-events.ts). Every event carries `at`, the instant it
 * happened (ISO 8601).
 */
import type { Money } from './money';

/** One line as priced when the order was placed (a snapshot of the catalog). */
export interface OrderLine {
  readonly productId: string;
  readonly sku: string;
  readonly name: string;
  readonly unitPrice: Money;
  readonly quantity: number;
}

export interface StockShortage {
  readonly productId: string;
  readonly requested: number;
  readonly available: number;
}

export type CancellationReason =
  'CUSTOMER_REQUEST' | 'OUT_OF_STOCK' | 'RESERVATION_EXPIRED' | 'RESERVATION_FAILED' | 'ADMIN';

export interface OrderPlaced {
  readonly type: 'OrderPlaced';
  readonly at: string;
  readonly customerId: string;
  readonly lines: readonly OrderLine[];
  readonly fromCart: boolean;
}

export interface StockReserved {
  readonly type: 'StockReserved';
  readonly at: string;
  readonly reservationId: string;
  readonly expiresAt: string;
}

/** A charge was started with payment under `attemptKey` (its Idempotency-Key there). */
export interface PaymentStarted {
  readonly type: 'PaymentStarted';
  readonly at: string;
  readonly attemptKey: string;
}

export interface PaymentDeclined {
  readonly type: 'PaymentDeclined';
  readonly at: string;
  readonly paymentId: string;
  readonly declineCode: string | null;
}

/** The provider could not be reached; nothing was charged and the order awaits payment again. */
export interface PaymentUnavailable {
  readonly type: 'PaymentUnavailable';
  readonly at: string;
}

/** The charge succeeded; the reservation still has to be committed. */
export interface PaymentSucceeded {
  readonly type: 'PaymentSucceeded';
  readonly at: string;
  readonly paymentId: string;
}

/** The reservation was committed: the order is PAID. */
export interface OrderPaid {
  readonly type: 'OrderPaid';
  readonly at: string;
}

/** The order is CANCELED; `releaseStock` and `refundPaymentId` are the compensations still owed. */
export interface OrderCanceled {
  readonly type: 'OrderCanceled';
  readonly at: string;
  readonly reason: CancellationReason;
  readonly note: string | null;
  readonly previousStatus: 'PENDING' | 'PAID';
  readonly releaseStock: boolean;
  readonly refundPaymentId: string | null;
  /** For OUT_OF_STOCK: every short product. */
  readonly shortages: readonly StockShortage[];
}

export interface StockReleased {
  readonly type: 'StockReleased';
  readonly at: string;
}

export interface PaymentRefunded {
  readonly type: 'PaymentRefunded';
  readonly at: string;
  readonly paymentId: string;
  /** The refund payment made; null when payment had already refunded it in full by other means. */
  readonly refundId: string | null;
}

/** Every compensation of a canceled order is done: the saga is CLOSED. */
export interface CompensationCompleted {
  readonly type: 'CompensationCompleted';
  readonly at: string;
}

export interface OrderFulfilled {
  readonly type: 'OrderFulfilled';
  readonly at: string;
}

export type OrderEvent =
  | OrderPlaced
  | StockReserved
  | PaymentStarted
  | PaymentDeclined
  | PaymentUnavailable
  | PaymentSucceeded
  | OrderPaid
  | OrderCanceled
  | StockReleased
  | PaymentRefunded
  | CompensationCompleted
  | OrderFulfilled;

export type OrderEventType = OrderEvent['type'];

export const ORDER_EVENT_TYPES: readonly OrderEventType[] = [
  'OrderPlaced',
  'StockReserved',
  'PaymentStarted',
  'PaymentDeclined',
  'PaymentUnavailable',
  'PaymentSucceeded',
  'OrderPaid',
  'OrderCanceled',
  'StockReleased',
  'PaymentRefunded',
  'CompensationCompleted',
  'OrderFulfilled',
];
