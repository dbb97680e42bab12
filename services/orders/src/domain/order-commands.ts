/**
 * What can be asked of an order (imperative): by a customer or admin through the API, by the saga
 * recording what inventory or payment answered, or by the saga worker at a deadline. `decide`
 * (order.ts) turns each into events or an OrderRuleError.
 */
import type { OrderLine, StockShortage } from './order-events';

export type ReservationOutcome =
  | { kind: 'reserved'; reservationId: string; expiresAt: string }
  | { kind: 'out-of-stock'; shortages: readonly StockShortage[] }
  /** Inventory could not be reached after every attempt. */
  | { kind: 'unavailable' }
  /** The order's reservation was released or expired earlier (a resume after its expiry). */
  | { kind: 'lapsed' };

export type ChargeOutcome =
  | { kind: 'succeeded'; paymentId: string }
  | { kind: 'declined'; paymentId: string; declineCode: string | null }
  /** Payment answered that nothing was charged (provider down or circuit open). */
  | { kind: 'unavailable' };

/** What payment's events report (they carry no attempt key, so they are matched by time and id). */
export type PaymentReport =
  | { kind: 'succeeded'; paymentId: string }
  | {
      kind: 'failed';
      paymentId: string;
      reason: 'DECLINED' | 'PROVIDER_UNAVAILABLE';
      declineCode: string | null;
      failedAt: string;
    };

export type CommitOutcome = 'committed' | 'lapsed';

export type OrderCommand =
  | { type: 'PlaceOrder'; customerId: string; lines: readonly OrderLine[]; fromCart: boolean }
  | { type: 'RecordReservation'; outcome: ReservationOutcome }
  | { type: 'StartPayment'; attemptKey: string }
  | { type: 'RecordChargeOutcome'; attemptKey: string; outcome: ChargeOutcome }
  | { type: 'RecordPaymentReport'; report: PaymentReport }
  | { type: 'RecordCommit'; outcome: CommitOutcome }
  | { type: 'Cancel'; by: 'customer' | 'admin'; note: string | null }
  | { type: 'ExpireReservation' }
  | { type: 'RecordStockReleased' }
  | { type: 'RecordRefund'; paymentId: string; refundId: string | null }
  | { type: 'Fulfill' };
