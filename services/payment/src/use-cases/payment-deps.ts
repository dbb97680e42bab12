/**
 * What the payment use cases share (services/payment/src/use-cases): the database, the resilient
 * provider, the clock and id source, and the time budget of one provider call.
 */
import type pg from 'pg';
import type { PaymentProvider } from '../outbound/payment-provider';

export interface PaymentDeps {
  pool: pg.Pool;
  provider: PaymentProvider;
  /** Budget of one charge or refund, lease waits and retries included, ms. */
  providerDeadlineMs: number;
  clock: () => Date;
  newId: () => string;
}
