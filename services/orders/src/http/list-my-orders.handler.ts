/**
 * listMyOrders over HTTP: one page of the caller's orders, newest first, from the
 * orders_by_customer read model (which may lag the orders themselves by the event's trip through
 * RabbitMQ, as the contract says).
 */
import type { OrdersHandlers } from '@bazaar/generated/http/orders/server';
import type { listMyOrders } from '../use-cases/list-my-orders';

type ListMyOrders = (query: Parameters<typeof listMyOrders>[1]) => ReturnType<typeof listMyOrders>;

export function listMyOrdersHandler(useCase: ListMyOrders): OrdersHandlers['listMyOrders'] {
  return async function listMyOrdersHandler({ query, auth }, reply) {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const { rows, total } = await useCase({
      customerId: auth.userId.toLowerCase(),
      statuses: query.status,
      page,
      pageSize,
    });
    return reply(200, {
      items: rows.map((row) => ({
        id: row.orderId,
        status: row.status,
        step: row.step,
        itemCount: row.itemCount,
        total: row.total,
        createdAt: row.createdAt.toISOString(),
        updatedAt: row.updatedAt.toISOString(),
      })),
      page: {
        number: page,
        size: pageSize,
        totalItems: total,
        totalPages: Math.ceil(total / pageSize),
      },
    });
  };
}
