/**
 * The orders_by_customer read model against real services: listMyOrders shows what orders' own
 * events, consumed from RabbitMQ, say about each order; the replay command rebuilds it from the
 * event store with parity, detects a tampered row (exit code 1, naming the order), and swaps a
 * rebuilt table in.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from '@bazaar/platform/testing/index';
import { startOrdersStack, type OrdersStack } from './support/orders-stack';

jest.setTimeout(180_000);

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../../..');
const CLI = path.join(ROOT, 'services/orders/src/cli/replay-read-model.ts');

let stack: OrdersStack;
let customer: { id: string; token: string };
const orderIds: Record<string, string> = {};

beforeAll(async () => {
  stack = await startOrdersStack('read_model');
  const api = stack.orders!.api;
  customer = await stack.customer();
  const productId = await stack.product({ price: 400, stock: 20 });
  const place = async (quantity: number) =>
    String((await api.placeOrder(customer.token, { items: [{ productId, quantity }] })).body.id);
  orderIds.pending = await place(1);
  orderIds.paid = await place(2);
  await api.payOrder(customer.token, orderIds.paid, 'tok_visa');
  orderIds.canceled = await place(3);
  await api.call('POST', `/api/v1/orders/${orderIds.canceled}/cancel`, { token: customer.token });
  orderIds.fulfilled = await place(4);
  await api.payOrder(customer.token, orderIds.fulfilled, 'tok_visa');
  await api.call('POST', `/api/v1/orders/${orderIds.fulfilled}/fulfill`, {
    token: await stack.adminToken(),
  });
});

afterAll(async () => {
  await stack?.stop();
});

async function replay(
  ...args: string[]
): Promise<{ code: number; report: Record<string, unknown> }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', CLI, '--json', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ORDERS_DATABASE_URL: stack.ordersDatabaseUrl },
    });
    return { code: 0, report: JSON.parse(stdout) as Record<string, unknown> };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number' || !failed.stdout) throw error;
    return { code: failed.code, report: JSON.parse(failed.stdout) as Record<string, unknown> };
  }
}

async function myOrders(query = '') {
  return stack.orders!.api.call('GET', `/api/v1/orders${query}`, { token: customer.token });
}

describe('orders_by_customer', () => {
  it('catches up from the order events: every order with the status its last event gave it, newest first', async () => {
    const listed = await waitFor(
      async () => {
        const page = await myOrders();
        const items = page.body.items as { id: string; status: string }[];
        const byId = Object.fromEntries(items.map((i) => [i.id, i.status]));
        return byId[orderIds.pending!] === 'PENDING' &&
          byId[orderIds.paid!] === 'PAID' &&
          byId[orderIds.canceled!] === 'CANCELED' &&
          byId[orderIds.fulfilled!] === 'FULFILLED'
          ? page.body
          : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 100, description: 'the read model to show every order' },
    );
    expect(listed.items).toEqual([
      expect.objectContaining({
        id: orderIds.fulfilled,
        step: 'COMPLETED',
        itemCount: 4,
        total: { amount: 1600, currency: 'USD' },
      }),
      expect.objectContaining({ id: orderIds.canceled, step: 'CLOSED', itemCount: 3 }),
      expect.objectContaining({ id: orderIds.paid, step: 'COMPLETED', itemCount: 2 }),
      expect.objectContaining({ id: orderIds.pending, step: 'AWAITING_PAYMENT', itemCount: 1 }),
    ]);
    expect(listed.page).toEqual({ number: 1, size: 20, totalItems: 4, totalPages: 1 });
  });

  it('filters by status and pages', async () => {
    const filtered = await myOrders('?status=PAID&status=FULFILLED&pageSize=1&page=2');
    expect(filtered.status).toBe(200);
    expect(filtered.body).toEqual({
      items: [expect.objectContaining({ id: orderIds.paid })],
      page: { number: 2, size: 1, totalItems: 2, totalPages: 2 },
    });
  });

  it("never lists another customer's orders", async () => {
    const other = await stack.customer();
    const page = await stack.orders!.api.call('GET', '/api/v1/orders', { token: other.token });
    expect(page.body.items).toEqual([]);
  });

  it('is rebuilt from the event store with parity: same rows, same checksum', async () => {
    const { code, report } = await replay('--settle-ms', '10000');
    expect(code).toBe(0);
    expect(report).toMatchObject({ parity: true, orders: 4, differing: [] });
    expect(report.replayed).toEqual(report.live);
    expect((report.live as { rows: number }).rows).toBe(4);
    const { rows } = await stack.ordersDb.query(
      "SELECT count(*)::int AS n FROM pg_tables WHERE tablename LIKE 'orders_by_customer_replay_%'",
    );
    expect(rows[0].n).toBe(0);
  });

  it('detects a tampered row: exit code 1 and the order named', async () => {
    await stack.ordersDb.query(
      `UPDATE orders_by_customer SET status = 'PAID', status_rank = 1 WHERE order_id = $1`,
      [orderIds.pending],
    );
    const { code, report } = await replay();
    expect(code).toBe(1);
    expect(report).toMatchObject({ parity: false, differing: [orderIds.pending] });
    expect((report.live as { rows: number }).rows).toBe((report.replayed as { rows: number }).rows);
  });

  it('swaps a rebuilt table in, which repairs the read model and keeps the old table', async () => {
    const swapped = await replay('--swap');
    expect(swapped.code).toBe(0);
    expect(swapped.report.retiredTable).toMatch(/^orders_by_customer_retired_/);
    const listed = await myOrders('?status=PENDING');
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: orderIds.pending, status: 'PENDING' }),
    ]);
    const again = await replay();
    expect(again).toMatchObject({ code: 0, report: { parity: true } });
  });

  it('keeps projecting new events into the swapped-in table', async () => {
    const paid = await stack.orders!.api.payOrder(customer.token, orderIds.pending!, 'tok_visa');
    expect(paid.status).toBe(200);
    await waitFor(
      async () => {
        const items = (await myOrders('?status=PAID')).body.items as { id: string }[];
        return items.some((i) => i.id === orderIds.pending);
      },
      { timeoutMs: 20_000, description: 'the paid order in the swapped-in read model' },
    );
    expect((await replay('--settle-ms', '5000')).code).toBe(0);
  });

  it('refuses bad arguments with exit code 2', async () => {
    await expect(
      run(process.execPath, ['--import', 'tsx', CLI, '--settle-ms', 'soon'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', ORDERS_DATABASE_URL: stack.ordersDatabaseUrl },
      }),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--settle-ms must be an integer'),
    });
  });
});
