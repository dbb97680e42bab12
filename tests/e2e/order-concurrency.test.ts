/**
 * Orders under contention and repetition, through the gateway: 200 orders at once for a product
 * with 10 units never oversell (exactly 10 placed, the rest refused out of stock); a create
 * repeated with the same Idempotency-Key answers the first response and places one order; the
 * read model lists every order, and rebuilding it from the event store (orders' replay command
 * against this suite's database) gives the same table.
 */
import { randomUUID } from 'node:crypto';
import { waitFor } from '@bazaar/platform/testing/index';
import { type E2ePlatform, startE2ePlatform } from './support/e2e-platform';
import {
  type Account,
  type Answer,
  ORDERS_POLL_MS,
  replayReadModel,
  signInAdmin,
  signUp,
  stockBecomes,
  stockedProduct,
  stockLevel,
} from './support/order-shop';

jest.setTimeout(300_000);

const SERVICES = ['identity', 'catalog', 'cart', 'inventory', 'psp-simulator', 'payment', 'orders'];
/** 200 orders from 20 shoppers, 10 each: each shopper stays under the gateway's 120/min. */
const SHOPPERS = 20;
const ORDERS_EACH = 10;
const UNITS = 10;

let e2e: E2ePlatform;
let admin: Account;
let shoppers: Account[];
/** Every order the burst placed or refused, with who placed it and how it was answered. */
const burst: { shopper: Account; answer: Answer<{ id?: string; orderId?: string }> }[] = [];
let scarceProduct: string;

beforeAll(async () => {
  e2e = await startE2ePlatform('orderconc', SERVICES, {
    // 200 reservations queue on one stock row; on a loaded 2-core CI machine the last of them can
    // wait longer than the 2 s production deadline, and a 503 would say nothing about overselling.
    env: { orders: { INVENTORY_CALL_DEADLINE_MS: '10000' } },
  });
  admin = await signInAdmin(e2e);
  shoppers = await Promise.all(
    Array.from({ length: SHOPPERS }, (_, i) => signUp(e2e, `Shopper ${i} Conc`)),
  );
  scarceProduct = await stockedProduct(e2e, admin, {
    name: 'Limited edition print',
    price: 2500,
    stock: UNITS,
  });
}, 300_000);

afterAll(async () => {
  await e2e?.stop();
}, 90_000);

const orderIdOf = (answer: Answer<{ id?: string; orderId?: string }>) =>
  answer.status === 201 ? answer.body.id : answer.body.orderId;

describe('orders under contention', () => {
  it('places exactly 10 of 200 simultaneous orders for 10 units and refuses the rest out of stock', async () => {
    const answers = await Promise.all(
      shoppers.flatMap((shopper) =>
        Array.from({ length: ORDERS_EACH }, async () => ({
          shopper,
          answer: await shopper.placeOrder([{ productId: scarceProduct, quantity: 1 }]),
        })),
      ),
    );
    burst.push(...answers);

    const statuses = answers.map((a) => a.answer.status);
    const unexpected = answers.filter((a) => a.answer.status !== 201 && a.answer.status !== 409);
    expect(unexpected.map((a) => ({ status: a.answer.status, body: a.answer.body }))).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(UNITS);
    expect(statuses.filter((s) => s === 409)).toHaveLength(SHOPPERS * ORDERS_EACH - UNITS);
    for (const { answer } of answers.filter((a) => a.answer.status === 409))
      expect(answer.body).toMatchObject({ code: 'ORDERS_ERR_OUT_OF_STOCK' });
    // Every answer is its own order.
    expect(new Set(answers.map((a) => orderIdOf(a.answer))).size).toBe(answers.length);
    // No oversell: the 10 units are held for the 10 placed orders, none is left, none is negative.
    expect(await stockLevel(e2e, scarceProduct)).toEqual({
      onHand: UNITS,
      reserved: UNITS,
      available: 0,
    });
  });

  it('answers a create repeated with the same Idempotency-Key with the first response and places one order', async () => {
    const shopper = await signUp(e2e, 'Repeat Conc');
    const productId = await stockedProduct(e2e, admin, {
      name: 'Repeat mug',
      price: 900,
      stock: 5,
    });
    const key = randomUUID();

    const first = await shopper.placeOrder([{ productId, quantity: 2 }], key);
    const again = await shopper.placeOrder([{ productId, quantity: 2 }], key);

    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await stockLevel(e2e, productId)).toEqual({ onHand: 5, reserved: 2, available: 3 });
    const listed = await waitFor(
      async () => {
        const orders = await shopper.listMyOrders();
        return orders.length > 0 ? orders : undefined;
      },
      { timeoutMs: 60_000, intervalMs: ORDERS_POLL_MS, description: 'the order in the read model' },
    );
    expect(listed.map((o) => o.id)).toEqual([first.body.id]);
  });

  it("lists each shopper's orders of the burst in the read model, placed ones PENDING, refused ones CANCELED", async () => {
    // Give the 10 placed orders different fates first: 3 paid (1 of them fulfilled), 1 canceled.
    const placed = burst.filter((b) => b.answer.status === 201);
    const [paidA, paidB, fulfilled, canceled] = placed;
    for (const order of [paidA!, paidB!, fulfilled!]) {
      const paid = await order.shopper.payOrder(order.answer.body.id!, 'tok_visa');
      expect(paid.status).toBe(200);
    }
    expect((await admin.fulfillOrder(fulfilled!.answer.body.id!)).status).toBe(200);
    expect((await canceled!.shopper.cancelOrder(canceled!.answer.body.id!)).status).toBe(200);
    await stockBecomes(e2e, scarceProduct, { onHand: UNITS - 3, reserved: 6, available: 1 });

    const expectedStatus = new Map<string, string>();
    for (const b of burst)
      expectedStatus.set(orderIdOf(b.answer)!, b.answer.status === 201 ? 'PENDING' : 'CANCELED');
    for (const b of [paidA!, paidB!]) expectedStatus.set(b.answer.body.id!, 'PAID');
    expectedStatus.set(fulfilled!.answer.body.id!, 'FULFILLED');
    expectedStatus.set(canceled!.answer.body.id!, 'CANCELED');

    await Promise.all(
      shoppers.map((shopper) =>
        waitFor(
          async () => {
            const mine = burst.filter((b) => b.shopper === shopper).map((b) => orderIdOf(b.answer));
            const listed = await shopper.listMyOrders();
            const asExpected =
              listed.length === mine.length &&
              listed.every((o) => mine.includes(o.id) && expectedStatus.get(o.id) === o.status);
            return asExpected ? listed : undefined;
          },
          {
            timeoutMs: 90_000,
            intervalMs: ORDERS_POLL_MS,
            description: `${shopper.email}'s ${ORDERS_EACH} orders in the read model`,
          },
        ),
      ),
    );
  });

  it('rebuilds the read model from the event store with parity (orders replay command)', async () => {
    const { exitCode, report } = await replayReadModel(e2e);

    expect(report.parity).toBe(true);
    expect(exitCode).toBe(0);
    expect(report.differing).toEqual([]);
    // The burst's 200 orders and the repeated create's one, each a row in both tables.
    expect(report.orders).toBe(SHOPPERS * ORDERS_EACH + 1);
    expect(report.live.rows).toBe(report.orders);
    expect(report.replayed).toEqual(report.live);
  });
});
