/**
 * Verifies every pact whose provider is `payment-events` (today: orders') against messages payment
 * really produces: the real service runs (as in payment.provider.pact.test.ts, with the PSP
 * simulator in this process), each provider state sets the simulator up (approving, declining,
 * down), each message provider charges a new order through the REST API as orders does, and the
 * event that charge's transaction appended to the outbox (src/use-cases/payment-events.ts) is
 * what the consumer's expectations are checked against.
 *
 * payment.refunded has no consumer pact yet: its consumers (notification, webhooks) are not built.
 */
import { randomUUID } from 'node:crypto';
import { Verifier } from '@pact-foundation/pact';
import type { EventType } from '@bazaar/generated/events/types';
import { checkedStateHandlers } from '../../../../tests/pact/checked-states';
import { pactSource } from '../../../../tests/pact/pact-config';
import { pactFilesFor } from '../../../../tests/pact/pact-files';
import { charge, newPayment } from '../integration/support/http';
import {
  startPaymentForTest,
  type PaymentTestService,
} from '../integration/support/payment-test-service';
import { paymentProviderStates } from './provider-states';
import { lastOutboxEvent } from '../../../../tests/pact/outbox-reader';

const PROVIDER = 'payment-events';

let payment: PaymentTestService;

beforeAll(async () => {
  payment = await startPaymentForTest('payment-events-pact');
}, 60_000);

afterAll(async () => {
  await payment?.stop();
}, 60_000);

/**
 * Charges a new order with the card `token` through createPayment, expects `status`, and returns
 * the `eventType` event the charge wrote.
 */
async function chargeNewOrder(token: string, status: number, eventType: EventType) {
  const body = newPayment({ token });
  const answer = await charge(
    payment.url,
    await payment.token(['service'], 'orders'),
    body,
    randomUUID(),
  );
  if (answer.status !== status)
    throw new Error(
      `createPayment answered ${answer.status}, not ${status}: ${JSON.stringify(answer.body)}`,
    );
  return lastOutboxEvent(payment.database.pool, eventType, body.orderId);
}

describe('payment as the producer of payment events', () => {
  it('produces the messages its consumers expect', async () => {
    const states = checkedStateHandlers(
      paymentProviderStates({ pool: payment.database.pool, psp: payment.psp.simulator }),
    );
    try {
      await new Verifier({
        provider: PROVIDER,
        ...pactSource(PROVIDER, () => pactFilesFor(PROVIDER, { consumers: ['orders'] })),
        stateHandlers: states.stateHandlers,
        // Keyed by the consumers' `expectsToReceive` sentences, as Pact message verification requires.
        messageProviders: {
          'an ecommerce.payment.payment.succeeded.v1 event for a charged order': () =>
            chargeNewOrder('tok_visa', 201, 'ecommerce.payment.payment.succeeded.v1'),
          'an ecommerce.payment.payment.failed.v1 event for a declined charge': () =>
            chargeNewOrder('tok_chargeDeclined', 402, 'ecommerce.payment.payment.failed.v1'),
          'an ecommerce.payment.payment.failed.v1 event for a charge the provider could not take':
            () => chargeNewOrder('tok_visa', 503, 'ecommerce.payment.payment.failed.v1'),
        },
        logLevel: (process.env['PACT_LOG_LEVEL'] ?? 'warn') as 'warn',
      }).verifyProvider();
    } finally {
      // A state that was not set up may have let an interaction pass: it fails the test too.
      states.assertAllSetUp();
    }
  }, 180_000);
});
