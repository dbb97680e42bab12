/**
 * Deadlines and outages of the saga against the real services: an order not paid by its
 * reservation's deadline (shortened by ORDERS_RESERVATION_TTL_SECONDS) is canceled by the saga
 * worker and its stock released; a reservation that lapsed while the charge ran is refunded and
 * the order canceled; inventory unreachable at placement answers 503, cancels the order, and the
 * worker finishes the release once inventory is back.
 */
import { waitFor } from '@bazaar/platform/testing/index';
import { startOrdersStack, type InProcessOrders, type OrdersStack } from './support/orders-stack';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';

jest.setTimeout(180_000);

let stack: OrdersStack;
let orders: InProcessOrders;
let inventoryProxy: TcpProxy;

beforeAll(async () => {
  stack = await startOrdersStack('expiry', { orders: 'none' });
  inventoryProxy = await startTcpProxy(stack.targets.inventoryGrpc);
});

afterAll(async () => {
  await orders?.stop();
  await inventoryProxy?.close();
  await stack?.stop();
});

async function eventually(orderId: string, token: string, status: string, step: string) {
  return waitFor(
    async () => {
      const order = await orders.api.getOrder(token, orderId);
      return order.body.status === status && order.body.step === step ? order.body : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 100, description: `order ${orderId} to be ${status}/${step}` },
  );
}

describe('with a 2-second reservation', () => {
  beforeAll(async () => {
    orders = await stack.startOrdersInProcess({ ORDERS_RESERVATION_TTL_SECONDS: '2' });
  });

  afterAll(async () => {
    await orders.stop();
  });

  it('cancels an unpaid order at its deadline (RESERVATION_EXPIRED) and releases its stock', async () => {
    const productId = await stack.product({ stock: 4 });
    const customer = await stack.customer();
    const placed = await orders.api.placeOrder(customer.token, {
      items: [{ productId, quantity: 3 }],
    });
    expect(placed.status).toBe(201);
    const orderId = String(placed.body.id);
    const deadline = Date.parse(String(placed.body.reservationExpiresAt));

    const expired = await eventually(orderId, customer.token, 'CANCELED', 'CLOSED');

    expect(expired.cancellation).toMatchObject({ reason: 'RESERVATION_EXPIRED', refunded: false });
    expect(
      Date.parse(String((expired.cancellation as { canceledAt: string }).canceledAt)),
    ).toBeGreaterThanOrEqual(deadline);
    expect(await stack.stock(productId)).toEqual({ onHand: 4, reserved: 0, available: 4 });
  });

  it('refuses to pay an order whose reservation expired (409 ORDERS_ERR_NOT_PAYABLE)', async () => {
    const productId = await stack.product({ stock: 1 });
    const customer = await stack.customer();
    const orderId = String(
      (await orders.api.placeOrder(customer.token, { items: [{ productId, quantity: 1 }] })).body
        .id,
    );
    await eventually(orderId, customer.token, 'CANCELED', 'CLOSED');

    const late = await orders.api.payOrder(customer.token, orderId, 'tok_visa');

    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({
      code: 'ORDERS_ERR_NOT_PAYABLE',
      detail: 'the order is CANCELED (reservation expired)',
    });
  });
});

describe('with the default reservation', () => {
  beforeAll(async () => {
    orders = await stack.startOrdersInProcess({
      ORDERS_INVENTORY_GRPC_ADDRESS: inventoryProxy.address,
    });
  });

  afterAll(async () => {
    await orders.stop();
  });

  it('refunds the payment and cancels the order when the reservation lapsed before the commit', async () => {
    const productId = await stack.product({ stock: 2 });
    const customer = await stack.customer();
    const orderId = String(
      (await orders.api.placeOrder(customer.token, { items: [{ productId, quantity: 2 }] })).body
        .id,
    );
    // Inventory lets the reservation go (as its own expiry sweep would) while the order awaits payment.
    await stack.grpc.releaseStock({ orderId, reason: 'RELEASE_REASON_RESERVATION_EXPIRED' });

    const paid = await orders.api.payOrder(customer.token, orderId, 'tok_visa');

    expect(paid.status).toBe(409);
    expect(paid.body.code).toBe('ORDERS_ERR_NOT_PAYABLE');
    // The refund may still be finishing (the request and payment's succeeded event race to it).
    const order = await eventually(orderId, customer.token, 'CANCELED', 'CLOSED');
    expect(order).toMatchObject({
      payment: { status: 'REFUNDED' },
      cancellation: { reason: 'RESERVATION_EXPIRED', refunded: true },
    });
    expect(await stack.stock(productId)).toEqual({ onHand: 2, reserved: 0, available: 2 });
  });

  it('answers 503 when inventory cannot be reached, cancels the order, and releases once inventory is back', async () => {
    const productId = await stack.product({ stock: 3 });
    const customer = await stack.customer();
    inventoryProxy.setMode('refuse');
    const placed = await orders.api.placeOrder(customer.token, {
      items: [{ productId, quantity: 1 }],
    });

    expect(placed.status).toBe(503);
    expect(Number(placed.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(placed.body).toMatchObject({
      code: 'ORDERS_ERR_INVENTORY_UNAVAILABLE',
      type: 'https://docs.bazaar.dev/problems/inventory-unavailable',
    });
    const { rows } = await stack.ordersDb.query<{
      order_id: string;
      step: string;
      last_error: string | null;
    }>(
      `SELECT s.order_id, s.step, s.last_error FROM saga_instances s
         JOIN order_events e ON e.order_id = s.order_id AND e.event_type = 'OrderPlaced'
        WHERE e.payload->>'customerId' = $1`,
      [customer.id],
    );
    const orderId = rows[0]!.order_id;
    expect(rows[0]!.step).toBe('COMPENSATING');
    expect((await orders.api.getOrder(customer.token, orderId)).body).toMatchObject({
      status: 'CANCELED',
      cancellation: { reason: 'RESERVATION_FAILED' },
    });

    inventoryProxy.setMode('forward');
    await eventually(orderId, customer.token, 'CANCELED', 'CLOSED');
    expect(await stack.stock(productId)).toEqual({ onHand: 3, reserved: 0, available: 3 });
  });
});
