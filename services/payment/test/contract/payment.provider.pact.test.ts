/**
 * Verifies every pact whose provider is `payment` (today: orders') against the real payment
 * service, started as the integration suites start it (startService on port 0, its own PostgreSQL
 * database and exchange, the real PSP simulator in this process), its database and simulator set
 * up for each provider state by provider-states.ts.
 *
 * Authentication is real: the consumer's pact carries a token signed by a key payment does not
 * know, so a request filter puts in its place a fresh RS256 token of the same shape (sub `orders`,
 * role `service`) signed by the key this payment instance trusts; payment then checks signature,
 * issuer, expiry and role as it does in production.
 */
import { type VerifierOptions, Verifier } from '@pact-foundation/pact';
import { pactSource } from '../../../../tests/pact/pact-config';
import { pactFilesFor } from '../../../../tests/pact/pact-files';
import { checkedStateHandlers } from '../../../../tests/pact/checked-states';
import {
  startPaymentForTest,
  type PaymentTestService,
} from '../integration/support/payment-test-service';
import { paymentProviderStates } from './provider-states';

const PROVIDER = 'payment';

let payment: PaymentTestService;

beforeAll(async () => {
  payment = await startPaymentForTest('payment-http-pact');
}, 60_000);

afterAll(async () => {
  await payment?.stop();
}, 60_000);

/** Replaces the bearer token of every request that has one with a `service` token payment trusts. */
const serviceTokenFilter: NonNullable<VerifierOptions['requestFilter']> = (req, _res, next) => {
  if (!req.headers.authorization) return next();
  payment.token(['service'], 'orders').then(
    (token) => {
      req.headers.authorization = `Bearer ${token}`;
      next();
    },
    (error: unknown) => next(error),
  );
};

describe('payment as the provider of its REST API', () => {
  it('answers every request its consumers expect', async () => {
    const states = checkedStateHandlers(
      paymentProviderStates({ pool: payment.database.pool, psp: payment.psp.simulator }),
    );
    try {
      await new Verifier({
        provider: PROVIDER,
        providerBaseUrl: payment.url,
        ...pactSource(PROVIDER, () => pactFilesFor(PROVIDER, { consumers: ['orders'] })),
        stateHandlers: states.stateHandlers,
        requestFilter: serviceTokenFilter,
        logLevel: (process.env['PACT_LOG_LEVEL'] ?? 'warn') as 'warn',
      }).verifyProvider();
    } finally {
      // A state that was not set up may have let an interaction pass: it fails the test too.
      states.assertAllSetUp();
    }
  }, 180_000);
});
