/**
 * The order saga's main road against the real services: an order is placed (stock reserved at
 * inventory, prices from the catalog), paid through payment and the PSP simulator, committed and
 * fulfilled; a declined card leaves it awaiting payment until another card succeeds; an order
 * that stock cannot cover is canceled with nothing reserved.
 */
import { waitFor } from '@bazaar/platform/testing/index';
import { startOrdersStack, type OrdersStack } from './support/orders-stack';

jest.setTimeout(180_000);

let stack: OrdersStack;

beforeAll(async () => {
  stack = await startOrdersStack('place_pay', { cart: true });
});

afterAll(async () => {
  await stack?.stop();
});

const api = () => stack.orders!.api;

describe('placing and paying an order', () => {
  it('places an order at catalog prices, reserves its stock, and awaits payment until the reservation expires', async () => {
    const productId = await stack.product({ price: 1299, stock: 5 });
    const customer = await stack.customer();

    const placed = await api().placeOrder(customer.token, { items: [{ productId, quantity: 2 }] });

    expect(placed.status).toBe(201);
    expect(placed.headers.get('location')).toBe(`/api/v1/orders/${String(placed.body.id)}`);
    expect(placed.body).toMatchObject({
      customerId: customer.id,
      status: 'PENDING',
      step: 'AWAITING_PAYMENT',
      items: [
        {
          productId,
          quantity: 2,
          unitPrice: { amount: 1299, currency: 'USD' },
          lineTotal: { amount: 2598, currency: 'USD' },
        },
      ],
      total: { amount: 2598, currency: 'USD' },
      payment: null,
      cancellation: null,
      version: 2,
    });
    expect(Date.parse(String(placed.body.reservationExpiresAt))).toBeGreaterThan(
      Date.now() + 800_000,
    );
    expect(await stack.stock(productId)).toEqual({ onHand: 5, reserved: 2, available: 3 });
  });

  it('pays with tok_visa: the order is PAID, its reservation committed, then FULFILLED by an admin', async () => {
    const productId = await stack.product({ price: 500, stock: 4 });
    const customer = await stack.customer();
    const placed = await api().placeOrder(customer.token, { items: [{ productId, quantity: 3 }] });
    const orderId = String(placed.body.id);

    const paid = await api().payOrder(customer.token, orderId, 'tok_visa');

    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({
      status: 'PAID',
      step: 'COMPLETED',
      reservationExpiresAt: null,
    });
    expect(paid.body.payment).toMatchObject({ status: 'SUCCEEDED' });
    expect(await stack.stock(productId)).toEqual({ onHand: 1, reserved: 0, available: 1 });

    const fulfilled = await api().call('POST', `/api/v1/orders/${orderId}/fulfill`, {
      token: await stack.adminToken(),
    });
    expect(fulfilled.status).toBe(200);
    expect(fulfilled.body).toMatchObject({ status: 'FULFILLED', step: 'COMPLETED' });
  });

  it('answers 402 for a declined card, keeps the order awaiting payment, and accepts tok_visa next', async () => {
    const productId = await stack.product({ stock: 2 });
    const customer = await stack.customer();
    const orderId = String(
      (await api().placeOrder(customer.token, { items: [{ productId, quantity: 1 }] })).body.id,
    );

    const declined = await api().payOrder(customer.token, orderId, 'tok_chargeDeclined');
    expect(declined.status).toBe(402);
    expect(declined.body).toMatchObject({
      code: 'ORDERS_ERR_PAYMENT_DECLINED',
      type: 'https://docs.bazaar.dev/problems/payment-declined',
      orderId,
      declineCode: 'card_declined',
    });
    const afterDecline = await api().getOrder(customer.token, orderId);
    expect(afterDecline.body).toMatchObject({
      status: 'PENDING',
      step: 'AWAITING_PAYMENT',
      payment: { paymentId: declined.body.paymentId, status: 'FAILED', paidAt: null },
    });

    const paid = await api().payOrder(customer.token, orderId, 'tok_visa');
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'PAID', payment: { status: 'SUCCEEDED' } });
    expect(paid.body.payment).not.toMatchObject({ paymentId: declined.body.paymentId });
  });

  it('answers 409 ORDERS_ERR_OUT_OF_STOCK listing every short product, cancels the order and reserves nothing', async () => {
    const plenty = await stack.product({ stock: 10 });
    const scarce = await stack.product({ stock: 1 });
    const customer = await stack.customer();

    const placed = await api().placeOrder(customer.token, {
      items: [
        { productId: plenty, quantity: 2 },
        { productId: scarce, quantity: 3 },
      ],
    });

    expect(placed.status).toBe(409);
    expect(placed.body).toMatchObject({
      code: 'ORDERS_ERR_OUT_OF_STOCK',
      type: 'https://docs.bazaar.dev/problems/out-of-stock',
      shortages: [{ productId: scarce, requested: 3, available: 1 }],
    });
    const order = await api().getOrder(customer.token, String(placed.body.orderId));
    expect(order.body).toMatchObject({
      status: 'CANCELED',
      step: 'CLOSED',
      cancellation: { reason: 'OUT_OF_STOCK', refunded: false },
    });
    expect(await stack.stock(plenty)).toEqual({ onHand: 10, reserved: 0, available: 10 });
    expect(await stack.stock(scarce)).toEqual({ onHand: 1, reserved: 0, available: 1 });
  });

  it('returns the first answer to a repeated placeOrder with the same Idempotency-Key and places one order', async () => {
    const productId = await stack.product({ stock: 5 });
    const customer = await stack.customer();
    const body = { items: [{ productId, quantity: 1 }] };

    const first = await api().placeOrder(customer.token, body, 'same-key-1');
    const again = await api().placeOrder(customer.token, body, 'same-key-1');

    expect(again.status).toBe(201);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(await stack.stock(productId)).toMatchObject({ reserved: 1 });
    const { rows } = await stack.ordersDb.query(
      `SELECT count(DISTINCT order_id)::int AS orders FROM order_events
        WHERE event_type = 'OrderPlaced' AND payload->>'customerId' = $1`,
      [customer.id],
    );
    expect(rows[0].orders).toBe(1);
  });

  it('refuses the same Idempotency-Key with another body (422)', async () => {
    const productId = await stack.product({ stock: 5 });
    const customer = await stack.customer();
    await api().placeOrder(customer.token, { items: [{ productId, quantity: 1 }] }, 'key-reused');
    const other = await api().placeOrder(
      customer.token,
      { items: [{ productId, quantity: 2 }] },
      'key-reused',
    );
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it("orders everything in the customer's cart, priced by the catalog", async () => {
    const productId = await stack.product({ price: 750, stock: 5 });
    const customer = await stack.customer();
    const added = await fetch(`${stack.cart!.url}/api/v1/cart/items`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${customer.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ productId, quantity: 2 }),
    });
    expect(added.status).toBe(200);

    const placed = await api().placeOrder(customer.token, { fromCart: true });

    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({
      total: { amount: 1500, currency: 'USD' },
      items: [{ productId, quantity: 2 }],
    });
    // cart consumes order.created (fromCart) and empties the cart.
    await waitFor(
      async () => {
        const cart = await fetch(`${stack.cart!.url}/api/v1/cart`, {
          headers: { Authorization: `Bearer ${customer.token}` },
        });
        return ((await cart.json()) as { itemCount: number }).itemCount === 0;
      },
      { timeoutMs: 20_000, description: 'the cart to be emptied' },
    );
  });

  it('answers 422 ORDERS_ERR_EMPTY_CART when the cart holds nothing', async () => {
    const customer = await stack.customer();
    const placed = await api().placeOrder(customer.token, { fromCart: true });
    expect(placed.status).toBe(422);
    expect(placed.body.code).toBe('ORDERS_ERR_EMPTY_CART');
  });

  it('answers 422 ORDERS_ERR_UNKNOWN_PRODUCT for a product the catalog does not have', async () => {
    const customer = await stack.customer();
    const missing = '7c2e9b14-3a5d-4f6e-8b7a-9c0d1e2f3a4b';
    const placed = await api().placeOrder(customer.token, {
      items: [{ productId: missing, quantity: 1 }],
    });
    expect(placed.status).toBe(422);
    expect(placed.body).toMatchObject({
      code: 'ORDERS_ERR_UNKNOWN_PRODUCT',
      detail: `product ${missing} does not exist`,
    });
  });

  it('answers 400 naming the repeated product of an order', async () => {
    const productId = await stack.product({ stock: 5 });
    const customer = await stack.customer();
    const placed = await api().placeOrder(customer.token, {
      items: [
        { productId, quantity: 1 },
        { productId, quantity: 2 },
      ],
    });
    expect(placed.status).toBe(400);
    expect(placed.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'body.items[1].productId' }],
    });
  });

  it('answers 422 ORDERS_ERR_CURRENCY_MISMATCH for items priced in different currencies', async () => {
    const dollars = await stack.product({ currency: 'USD', stock: 1 });
    const euros = await stack.product({ currency: 'EUR', stock: 1 });
    const customer = await stack.customer();
    const placed = await api().placeOrder(customer.token, {
      items: [
        { productId: dollars, quantity: 1 },
        { productId: euros, quantity: 1 },
      ],
    });
    expect(placed.status).toBe(422);
    expect(placed.body.code).toBe('ORDERS_ERR_CURRENCY_MISMATCH');
  });
});
