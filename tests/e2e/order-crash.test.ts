/**
 * The order saga's deadlines and its recovery from a crash, end to end (architecture §5: "saga
 * state and deadlines live in the orders database, so a crash at any step resumes on restart"),
 * with orders configured for it: reservations of 30 s, a payment timeout of 8 s, and the PSP
 * simulator answering after 1.5–2 s so charges are in flight for a while.
 *
 * - An unpaid order is canceled at its (shortened) deadline and its stock released.
 * - A burst of orders and payments is cut by SIGKILLing orders while charges are in flight; orders
 *   is restarted on the same port and database. Every order must end PAID or CANCELED with its
 *   saga finished, stock must add up (nothing left reserved, on hand = stock − units paid for),
 *   the provider must hold exactly one charge per order that was charged, refunded when the order
 *   was canceled, and the read model must still match the event store.
 */
import { waitFor } from '@bazaar/platform/testing/index';
import { type E2ePlatform, startE2ePlatform } from './support/e2e-platform';
import {
  type Account,
  type Order,
  replayReadModel,
  signInAdmin,
  signUp,
  stockBecomes,
  stockedProduct,
  stockLevel,
} from './support/order-shop';

jest.setTimeout(420_000);

const SERVICES = ['identity', 'catalog', 'cart', 'inventory', 'psp-simulator', 'payment', 'orders'];
const RESERVATION_TTL_SECONDS = 30;
const SHOPPERS = 6;
const STOCK = 60;

let e2e: E2ePlatform;
let admin: Account;
let shoppers: Account[];

beforeAll(async () => {
  e2e = await startE2ePlatform('ordercrash', SERVICES, {
    env: {
      orders: {
        RESERVATION_TTL_SECONDS: String(RESERVATION_TTL_SECONDS),
        // Leases follow from these (service.ts sagaLeases): a charge left by the crash is taken
        // over after 2 × 8 s + inventory's 8 s + 2 s, not after the default 50 s.
        PAYMENT_TIMEOUT_MS: '8000',
        SAGA_RETRY_MAX_MS: '5000',
      },
      'psp-simulator': { LATENCY_MS: '1500', LATENCY_JITTER_MS: '500' },
      // More than the simulator's latency, so its slowness is not taken for a hung call.
      payment: { PSP_ATTEMPT_TIMEOUT_MS: '6000' },
    },
  });
  admin = await signInAdmin(e2e);
  shoppers = await Promise.all(
    Array.from({ length: SHOPPERS }, (_, i) => signUp(e2e, `Shopper ${i} Crash`)),
  );
}, 300_000);

afterAll(async () => {
  await e2e?.stop();
}, 90_000);

interface PspStats {
  chargeRequests: number;
  charges: number;
  refunds: number;
}

async function pspStats(): Promise<PspStats> {
  // The simulator's control API: a stand-in third party, not behind the gateway.
  const response = await fetch(`${e2e.serviceUrl('psp-simulator')}/_simulator/stats`);
  return (await response.json()) as PspStats;
}

const finished = (order: Pick<Order, 'status' | 'step'>) =>
  (order.status === 'PAID' && order.step === 'COMPLETED') ||
  (order.status === 'CANCELED' && order.step === 'CLOSED');

/** What a client saw: an HTTP status, or the transport error of a request the crash cut. */
type Outcome = number | 'transport-error';

async function outcomeOf(request: Promise<{ status: number }>): Promise<Outcome> {
  try {
    return (await request).status;
  } catch {
    return 'transport-error';
  }
}

describe('order deadlines and crash recovery', () => {
  it('cancels an unpaid order at its shortened deadline and releases its stock', async () => {
    const [shopper] = shoppers;
    const productId = await stockedProduct(e2e, admin, {
      name: 'Expiring kettle',
      price: 3900,
      stock: 4,
    });

    const placed = await shopper!.placeOrder([{ productId, quantity: 3 }]);
    expect(placed.status).toBe(201);
    const held =
      Date.parse(String(placed.body.reservationExpiresAt)) - Date.parse(placed.body.createdAt);
    // The configured 30 s (after however long reserving took), not orders' default 15 minutes.
    expect(held).toBeGreaterThanOrEqual(RESERVATION_TTL_SECONDS * 1000);
    expect(held).toBeLessThan(120_000);
    expect(await stockLevel(e2e, productId)).toEqual({ onHand: 4, reserved: 3, available: 1 });

    const expired = await shopper!.orderWhen(
      placed.body.id,
      (order) => order.status === 'CANCELED' && order.step === 'CLOSED',
      'to be canceled at its deadline',
      (RESERVATION_TTL_SECONDS + 90) * 1000,
    );
    expect(expired.cancellation).toMatchObject({ reason: 'RESERVATION_EXPIRED', refunded: false });
    expect(expired.payment).toBeNull();
    await stockBecomes(e2e, productId, { onHand: 4, reserved: 0, available: 4 });
  });

  it('finishes every saga after orders is SIGKILLed with charges in flight, without overselling or charging twice', async () => {
    const products = await Promise.all([
      stockedProduct(e2e, admin, { name: 'Crash mug', price: 1100, stock: STOCK }),
      stockedProduct(e2e, admin, { name: 'Crash saucer', price: 700, stock: STOCK }),
    ]);
    const statsBefore = await pspStats();
    const itemsFor = (shopperIndex: number, n: number) => [
      { productId: products[(shopperIndex + n) % 2]!, quantity: 1 + (n % 2) },
    ];

    // Placed before the crash: three orders per shopper, all awaiting payment.
    const firstWave = await Promise.all(
      shoppers.flatMap((shopper, s) =>
        [0, 1, 2].map(async (n) => ({ shopper, answer: await shopper.placeOrder(itemsFor(s, n)) })),
      ),
    );
    expect(firstWave.map((o) => o.answer.status)).toEqual(firstWave.map(() => 201));

    // The burst: the first wave is paid while a second wave is placed and paid straight away.
    const firstPayments = firstWave.map((o) =>
      outcomeOf(o.shopper.payOrder(o.answer.body.id, 'tok_visa')),
    );
    const secondWave = shoppers.flatMap((shopper, s) =>
      [3, 4].map(async (n): Promise<Outcome[]> => {
        const placed = await shopper.placeOrder(itemsFor(s, n)).catch(() => undefined);
        if (placed?.status !== 201) return [];
        return [await outcomeOf(shopper.payOrder(placed.body.id, 'tok_visa'))];
      }),
    );

    // Charges are in flight once the provider has been asked: each takes it 1.5–2 s to answer.
    await waitFor(async () => (await pspStats()).chargeRequests - statsBefore.chargeRequests >= 4, {
      timeoutMs: 60_000,
      intervalMs: 10,
      description: 'charges to reach the payment provider',
    });
    await e2e.platform.kill('orders', 'SIGKILL');
    const paymentOutcomes = [
      ...(await Promise.all(firstPayments)),
      ...(await Promise.all(secondWave)).flat(),
    ];
    await e2e.platform.restart('orders');

    // The crash did cut sagas short: some customers never got the answer to their payment.
    const cut = paymentOutcomes.filter((o) => o === 'transport-error' || o >= 500);
    expect(cut.length).toBeGreaterThan(0);

    // Every order each shopper has (the read model finds those whose placement the crash cut
    // too) ends PAID or CANCELED with its saga over.
    const listed = await Promise.all(
      shoppers.map((shopper) =>
        waitFor(
          async () => {
            const orders = await shopper.listMyOrders();
            const missing = firstWave
              .filter((o) => o.shopper === shopper)
              .map((o) => o.answer.body.id)
              .filter((id) => !orders.some((order) => order.id === id));
            const open = orders.filter((order) => !finished(order));
            if (missing.length > 0 || open.length > 0)
              throw new Error(
                `not settled: missing ${missing.join(', ') || 'none'}; open ${open
                  .map((o) => `${o.id} ${o.status}/${o.step}`)
                  .join(', ')}`,
              );
            return orders;
          },
          {
            timeoutMs: 240_000,
            intervalMs: 2_000,
            description: `every order of ${shopper.email} to be PAID or CANCELED`,
          },
        ).then((orders) => ({ shopper, orders })),
      ),
    );

    const orders: Order[] = [];
    for (const { shopper, orders: summaries } of listed) {
      for (const summary of summaries) {
        const answer = await shopper.getOrder(summary.id);
        expect(answer.status).toBe(200);
        orders.push(answer.body);
      }
    }
    const crashOrders = orders.filter((o) => o.items.some((i) => products.includes(i.productId)));
    expect(crashOrders.length).toBeGreaterThanOrEqual(firstWave.length);
    const stuck = crashOrders.filter((o) => !finished(o));
    expect(stuck.map((o) => `${o.id} ${o.status}/${o.step}`)).toEqual([]);

    const paid = crashOrders.filter((o) => o.status === 'PAID');
    const canceled = crashOrders.filter((o) => o.status === 'CANCELED');
    // A canceled order keeps no money: its charge, if one went through, was refunded.
    for (const order of canceled) {
      expect(order.payment?.status ?? 'none').not.toBe('SUCCEEDED');
      if (order.payment?.status === 'REFUNDED') expect(order.cancellation?.refunded).toBe(true);
    }
    for (const order of paid) expect(order.payment).toMatchObject({ status: 'SUCCEEDED' });

    // Stock adds up: nothing stays reserved and on hand is what was stocked minus what was paid for.
    for (const productId of products) {
      const unitsPaid = paid
        .flatMap((o) => o.items)
        .filter((i) => i.productId === productId)
        .reduce((sum, i) => sum + i.quantity, 0);
      await stockBecomes(e2e, productId, {
        onHand: STOCK - unitsPaid,
        reserved: 0,
        available: STOCK - unitsPaid,
      });
    }

    // The provider holds one charge per order that was charged (never two), and a refund for each
    // of those that ended canceled.
    const refunded = canceled.filter((o) => o.payment?.status === 'REFUNDED');
    const stats = await waitFor(
      async () => {
        const now = await pspStats();
        return now.charges - statsBefore.charges === paid.length + refunded.length &&
          now.refunds - statsBefore.refunds === refunded.length
          ? now
          : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500, description: 'the provider books to match the orders' },
    );
    expect(stats.charges - statsBefore.charges).toBe(paid.length + refunded.length);

    const { exitCode, report } = await replayReadModel(e2e);
    expect(report.differing).toEqual([]);
    expect(report.parity).toBe(true);
    expect(exitCode).toBe(0);
  });
});
