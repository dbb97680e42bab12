/**
 * Canceling orders against the real services: the owner cancels a pending order and its stock is
 * released; another customer is forbidden; a customer cannot cancel a paid order but an admin
 * can, which refunds the payment at payment and puts the committed units back on hand. Also who
 * may read and pay an order.
 */
import { randomUUID } from 'node:crypto';
import { startOrdersStack, type OrdersStack } from './support/orders-stack';

jest.setTimeout(180_000);

let stack: OrdersStack;

beforeAll(async () => {
  stack = await startOrdersStack('cancel_refund');
});

afterAll(async () => {
  await stack?.stop();
});

const api = () => stack.orders!.api;

async function placedOrder(quantity: number, stock = 5) {
  const productId = await stack.product({ price: 1000, stock });
  const customer = await stack.customer();
  const placed = await api().placeOrder(customer.token, { items: [{ productId, quantity }] });
  expect(placed.status).toBe(201);
  return { productId, customer, orderId: String(placed.body.id) };
}

describe('canceling an order', () => {
  it('lets the owner cancel a pending order: CANCELED, CLOSED, and the stock released at inventory', async () => {
    const { productId, customer, orderId } = await placedOrder(2);
    expect(await stack.stock(productId)).toMatchObject({ reserved: 2, available: 3 });

    const canceled = await api().call('POST', `/api/v1/orders/${orderId}/cancel`, {
      token: customer.token,
      body: { reason: 'Ordered the wrong colour.' },
    });

    expect(canceled.status).toBe(200);
    expect(canceled.body).toMatchObject({
      status: 'CANCELED',
      step: 'CLOSED',
      reservationExpiresAt: null,
      cancellation: {
        reason: 'CUSTOMER_REQUEST',
        note: 'Ordered the wrong colour.',
        refunded: false,
      },
    });
    expect(await stack.stock(productId)).toEqual({ onHand: 5, reserved: 0, available: 5 });
  });

  it('forbids another customer to cancel the order (403 FORBIDDEN) and leaves it as it was', async () => {
    const { productId, orderId, customer } = await placedOrder(1);
    const stranger = await stack.customer();

    const refused = await api().call('POST', `/api/v1/orders/${orderId}/cancel`, {
      token: stranger.token,
    });

    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      code: 'FORBIDDEN',
      type: 'https://docs.bazaar.dev/problems/forbidden',
    });
    expect((await api().getOrder(customer.token, orderId)).body).toMatchObject({
      status: 'PENDING',
    });
    expect(await stack.stock(productId)).toMatchObject({ reserved: 1 });
  });

  it('answers 404 when canceling an order that does not exist', async () => {
    const customer = await stack.customer();
    const missing = await api().call('POST', `/api/v1/orders/${randomUUID()}/cancel`, {
      token: customer.token,
    });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('ORDERS_ERR_ORDER_NOT_FOUND');
  });

  it('answers 409 ORDERS_ERR_NOT_CANCELABLE for an order already canceled', async () => {
    const { customer, orderId } = await placedOrder(1);
    await api().call('POST', `/api/v1/orders/${orderId}/cancel`, { token: customer.token });
    const again = await api().call('POST', `/api/v1/orders/${orderId}/cancel`, {
      token: customer.token,
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'ORDERS_ERR_NOT_CANCELABLE',
      type: 'https://docs.bazaar.dev/problems/order-not-cancelable',
    });
  });

  it('refuses a customer canceling their own PAID order (403 ORDERS_ERR_CANCEL_FORBIDDEN)', async () => {
    const { customer, orderId } = await placedOrder(1);
    expect((await api().payOrder(customer.token, orderId, 'tok_visa')).status).toBe(200);

    const refused = await api().call('POST', `/api/v1/orders/${orderId}/cancel`, {
      token: customer.token,
    });

    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      code: 'ORDERS_ERR_CANCEL_FORBIDDEN',
      type: 'https://docs.bazaar.dev/problems/cancel-forbidden',
    });
  });

  it('lets an admin cancel a PAID order: the payment is refunded and the committed units go back on hand', async () => {
    const { productId, customer, orderId } = await placedOrder(3);
    const paid = await api().payOrder(customer.token, orderId, 'tok_visa');
    const paymentId = String((paid.body.payment as { paymentId: string }).paymentId);
    expect(await stack.stock(productId)).toEqual({ onHand: 2, reserved: 0, available: 2 });

    const admin = await stack.adminToken();
    const canceled = await api().call('POST', `/api/v1/orders/${orderId}/cancel`, {
      token: admin,
      body: { reason: 'Customer called support.' },
    });

    expect(canceled.status).toBe(200);
    expect(canceled.body).toMatchObject({
      status: 'CANCELED',
      step: 'CLOSED',
      payment: { paymentId, status: 'REFUNDED' },
      cancellation: { reason: 'ADMIN', refunded: true },
    });
    expect(await stack.stock(productId)).toEqual({ onHand: 5, reserved: 0, available: 5 });
    const payment = await fetch(`${stack.payment.url}/api/v1/payments/${paymentId}`, {
      headers: { Authorization: `Bearer ${admin}` },
    });
    expect(await payment.json()).toMatchObject({
      status: 'REFUNDED',
      refundedAmount: { amount: 3000 },
    });
  });
});

describe('who may read and pay an order', () => {
  it('shows an order to its customer and to admins, and answers 404 to anyone else', async () => {
    const { customer, orderId } = await placedOrder(1);
    const stranger = await stack.customer();
    expect((await api().getOrder(customer.token, orderId)).status).toBe(200);
    expect((await api().getOrder(await stack.adminToken(), orderId)).status).toBe(200);
    const hidden = await api().getOrder(stranger.token, orderId);
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe('ORDERS_ERR_ORDER_NOT_FOUND');
  });

  it("answers 403 to an admin paying a customer's order and 404 to another customer", async () => {
    const { orderId } = await placedOrder(1);
    const stranger = await stack.customer();
    expect((await api().payOrder(await stack.adminToken(), orderId, 'tok_visa')).status).toBe(403);
    expect((await api().payOrder(stranger.token, orderId, 'tok_visa')).status).toBe(404);
  });

  it('answers 409 ORDERS_ERR_NOT_PAYABLE when paying an order that is already paid', async () => {
    const { customer, orderId } = await placedOrder(1);
    await api().payOrder(customer.token, orderId, 'tok_visa');
    const again = await api().payOrder(customer.token, orderId, 'tok_visa');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'ORDERS_ERR_NOT_PAYABLE',
      detail: 'the order is PAID',
    });
  });

  it('refuses fulfilment to a customer (403) and of an unpaid order (409)', async () => {
    const { customer, orderId } = await placedOrder(1);
    const byCustomer = await api().call('POST', `/api/v1/orders/${orderId}/fulfill`, {
      token: customer.token,
    });
    expect(byCustomer.status).toBe(403);
    const unpaid = await api().call('POST', `/api/v1/orders/${orderId}/fulfill`, {
      token: await stack.adminToken(),
    });
    expect(unpaid.status).toBe(409);
    expect(unpaid.body.code).toBe('ORDERS_ERR_NOT_FULFILLABLE');
  });

  it('answers 401 without a token and 400 without an Idempotency-Key, storing neither', async () => {
    const productId = await stack.product({ stock: 1 });
    const body = { items: [{ productId, quantity: 1 }] };
    expect(
      (await api().call('POST', '/api/v1/orders', { body, headers: { 'Idempotency-Key': 'k' } }))
        .status,
    ).toBe(401);
    const customer = await stack.customer();
    const noKey = await api().call('POST', '/api/v1/orders', { token: customer.token, body });
    expect(noKey.status).toBe(400);
    const { rows } = await stack.ordersDb.query(
      'SELECT count(*)::int AS n FROM platform.idempotency_keys WHERE subject = $1',
      [customer.id],
    );
    expect(rows[0].n).toBe(0);
  });
});
