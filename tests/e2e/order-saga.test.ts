/**
 * The order saga end to end (architecture §5), through the gateway with tokens from identity and
 * every service as its own process: an order reserves stock, is paid with the PSP simulator's
 * test cards and fulfilled; a declined card leaves it awaiting payment; stock that cannot cover an
 * order cancels it with nothing reserved; canceling releases the stock, and an admin canceling a
 * paid order refunds it at payment; the read model lists what happened.
 */
import { waitFor } from '@bazaar/platform/testing/index';
import { type E2ePlatform, startE2ePlatform } from './support/e2e-platform';
import {
  type Account,
  type Order,
  ORDERS_POLL_MS,
  signInAdmin,
  signUp,
  stockBecomes,
  stockedProduct,
  stockLevel,
} from './support/order-shop';

jest.setTimeout(240_000);

let e2e: E2ePlatform;
let admin: Account;
let ada: Account;
let bob: Account;

const SERVICES = ['identity', 'catalog', 'cart', 'inventory', 'psp-simulator', 'payment', 'orders'];

beforeAll(async () => {
  e2e = await startE2ePlatform('ordersaga', SERVICES);
  admin = await signInAdmin(e2e);
  [ada, bob] = await Promise.all([signUp(e2e, 'Ada Saga'), signUp(e2e, 'Bob Saga')]);
}, 240_000);

afterAll(async () => {
  await e2e?.stop();
}, 90_000);

const closed = (order: Order) => order.status === 'CANCELED' && order.step === 'CLOSED';

describe('the order saga through the gateway', () => {
  it('reserves stock for a new order, takes tok_visa to PAID with the stock committed, and an admin fulfils it', async () => {
    const productId = await stockedProduct(e2e, admin, { name: 'Saga mug', price: 1299, stock: 5 });

    const placed = await ada.placeOrder([{ productId, quantity: 2 }]);
    expect(placed.status).toBe(201);
    const orderId = placed.body.id;
    expect(placed.headers.get('location')).toBe(`/api/v1/orders/${orderId}`);
    expect(placed.body).toMatchObject({
      customerId: ada.id,
      status: 'PENDING',
      step: 'AWAITING_PAYMENT',
      total: { amount: 2598, currency: 'USD' },
      payment: null,
    });
    expect(await stockLevel(e2e, productId)).toEqual({ onHand: 5, reserved: 2, available: 3 });

    const paid = await ada.payOrder(orderId, 'tok_visa');
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'PAID', step: 'COMPLETED' });
    expect(paid.body.payment).toMatchObject({ status: 'SUCCEEDED' });
    // Committed: the units have left the shelf, nothing stays reserved.
    expect(await stockLevel(e2e, productId)).toEqual({ onHand: 3, reserved: 0, available: 3 });

    const byCustomer = await ada.fulfillOrder(orderId);
    expect(byCustomer.status).toBe(403);
    const fulfilled = await admin.fulfillOrder(orderId);
    expect(fulfilled.status).toBe(200);
    expect(fulfilled.body).toMatchObject({ status: 'FULFILLED', step: 'COMPLETED' });
    expect((await ada.getOrder(orderId)).body).toMatchObject({ status: 'FULFILLED' });
  });

  it('answers 402 for tok_chargeDeclined, keeps the order awaiting payment with its stock, then takes tok_visa', async () => {
    const productId = await stockedProduct(e2e, admin, {
      name: 'Saga plate',
      price: 800,
      stock: 3,
    });
    const placed = await ada.placeOrder([{ productId, quantity: 1 }]);
    expect(placed.status).toBe(201);
    const orderId = placed.body.id;

    const declined = await ada.payOrder(orderId, 'tok_chargeDeclined');
    expect(declined.status).toBe(402);
    expect(declined.body).toMatchObject({ code: 'ORDERS_ERR_PAYMENT_DECLINED' });
    const awaiting = (await ada.getOrder(orderId)).body;
    expect(awaiting).toMatchObject({ status: 'PENDING', step: 'AWAITING_PAYMENT' });
    expect(awaiting.payment).toMatchObject({ status: 'FAILED' });
    expect(await stockLevel(e2e, productId)).toEqual({ onHand: 3, reserved: 1, available: 2 });

    const paid = await ada.payOrder(orderId, 'tok_visa');
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'PAID', step: 'COMPLETED' });
    expect(paid.body.payment).toMatchObject({ status: 'SUCCEEDED' });
    expect(await stockLevel(e2e, productId)).toEqual({ onHand: 2, reserved: 0, available: 2 });
  });

  it('answers 409 ORDERS_ERR_OUT_OF_STOCK naming the shortage and reserves nothing', async () => {
    const productId = await stockedProduct(e2e, admin, {
      name: 'Saga vase',
      price: 4500,
      stock: 2,
    });

    const refused = await ada.placeOrder([{ productId, quantity: 3 }]);

    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'ORDERS_ERR_OUT_OF_STOCK',
      shortages: [{ productId, requested: 3, available: 2 }],
    });
    const canceled = (await ada.getOrder(String(refused.body.orderId))).body;
    expect(canceled).toMatchObject({
      status: 'CANCELED',
      cancellation: { reason: 'OUT_OF_STOCK', refunded: false },
    });
    expect(await stockLevel(e2e, productId)).toEqual({ onHand: 2, reserved: 0, available: 2 });
  });

  it("lets the owner cancel a PENDING order, releasing its stock, and refuses another customer's cancel (403)", async () => {
    const productId = await stockedProduct(e2e, admin, { name: 'Saga bowl', price: 650, stock: 4 });
    const placed = await ada.placeOrder([{ productId, quantity: 3 }]);
    expect(placed.status).toBe(201);
    const orderId = placed.body.id;

    const byBob = await bob.cancelOrder(orderId);
    expect(byBob.status).toBe(403);
    expect(byBob.body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await ada.getOrder(orderId)).body).toMatchObject({
      status: 'PENDING',
      step: 'AWAITING_PAYMENT',
    });
    expect(await stockLevel(e2e, productId)).toEqual({ onHand: 4, reserved: 3, available: 1 });

    const byAda = await ada.cancelOrder(orderId, 'changed my mind');
    expect(byAda.status).toBe(200);
    expect(byAda.body).toMatchObject({
      status: 'CANCELED',
      cancellation: { reason: 'CUSTOMER_REQUEST', refunded: false },
    });
    await ada.orderWhen(orderId, closed, 'to be CANCELED and CLOSED');
    await stockBecomes(e2e, productId, { onHand: 4, reserved: 0, available: 4 });
  });

  it('refunds a paid order an admin cancels: the payment is REFUNDED at payment and the stock back on hand', async () => {
    const productId = await stockedProduct(e2e, admin, {
      name: 'Saga lamp',
      price: 2100,
      stock: 6,
    });
    const placed = await ada.placeOrder([{ productId, quantity: 2 }]);
    expect(placed.status).toBe(201);
    const orderId = placed.body.id;
    const paid = await ada.payOrder(orderId, 'tok_visa');
    expect(paid.status).toBe(200);
    const paymentId = paid.body.payment!.paymentId;
    expect(await stockLevel(e2e, productId)).toEqual({ onHand: 4, reserved: 0, available: 4 });

    const byCustomer = await ada.cancelOrder(orderId);
    expect(byCustomer.status).toBe(403);
    expect(byCustomer.body).toMatchObject({ code: 'ORDERS_ERR_CANCEL_FORBIDDEN' });

    const byAdmin = await admin.cancelOrder(orderId, 'damaged in the warehouse');
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body).toMatchObject({ status: 'CANCELED', cancellation: { reason: 'ADMIN' } });

    const settled = await ada.orderWhen(orderId, closed, 'to be refunded and CLOSED');
    expect(settled.cancellation).toMatchObject({ reason: 'ADMIN', refunded: true });
    expect(settled.payment).toMatchObject({ paymentId, status: 'REFUNDED' });
    const payment = await admin.call('GET', `/api/v1/payments/${paymentId}`);
    expect(payment.status).toBe(200);
    expect(payment.body).toMatchObject({
      orderId,
      status: 'REFUNDED',
      amount: { amount: 4200, currency: 'USD' },
      refundedAmount: { amount: 4200, currency: 'USD' },
    });
    const refunds = await admin.call<{ items: unknown[] }>(
      'GET',
      `/api/v1/payments/${paymentId}/refunds`,
    );
    expect(refunds.body.items).toEqual([
      expect.objectContaining({ paymentId, amount: { amount: 4200, currency: 'USD' } }),
    ]);
    await stockBecomes(e2e, productId, { onHand: 6, reserved: 0, available: 6 });
  });

  it("lists the customer's orders from the read model, each with the status it settled in", async () => {
    const productId = await stockedProduct(e2e, admin, { name: 'Saga cup', price: 300, stock: 5 });
    const pending = await bob.placeOrder([{ productId, quantity: 1 }]);
    const toPay = await bob.placeOrder([{ productId, quantity: 1 }]);
    const toCancel = await bob.placeOrder([{ productId, quantity: 1 }]);
    expect([pending.status, toPay.status, toCancel.status]).toEqual([201, 201, 201]);
    expect((await bob.payOrder(toPay.body.id, 'tok_visa')).status).toBe(200);
    expect((await bob.cancelOrder(toCancel.body.id)).status).toBe(200);

    const expected = new Map([
      [pending.body.id, { status: 'PENDING', step: 'AWAITING_PAYMENT' }],
      [toPay.body.id, { status: 'PAID', step: 'COMPLETED' }],
      [toCancel.body.id, { status: 'CANCELED', step: 'CLOSED' }],
    ]);
    const listed = await waitFor(
      async () => {
        const orders = await bob.listMyOrders();
        const settled = [...expected].every(([id, state]) =>
          orders.some((o) => o.id === id && o.status === state.status && o.step === state.step),
        );
        return settled ? orders : undefined;
      },
      {
        timeoutMs: 60_000,
        intervalMs: ORDERS_POLL_MS,
        description: "Bob's orders in the read model",
      },
    );
    // Only Bob's own orders, newest first.
    expect(listed.map((o) => o.id)).toEqual([toCancel.body.id, toPay.body.id, pending.body.id]);
    expect(listed[0]).toMatchObject({ itemCount: 1, total: { amount: 300, currency: 'USD' } });
  });
});
