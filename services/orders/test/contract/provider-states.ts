/**
 * Provider states of orders' pacts (services/orders/test/contract): each `given(...)` sentence a
 * consumer of orders' events writes (cart, catalog, orders' own read model), mapped to what makes
 * it true in orders' database, through orders' real unit of work (support/order-scenarios.ts).
 * A state about a placement only remembers who places the order: placing it is what produces the
 * message.
 */
import type { OrderState } from '../../src/domain/order-state';
import { awaitingPayment, paid, type OrderScenarioDeps } from './support/order-scenarios';

export interface PendingPlacement {
  customerId: string;
  fromCart: boolean;
}

export interface OrdersProviderStates {
  stateHandlers: Record<string, (params?: Record<string, unknown>) => Promise<undefined>>;
  /** Who the last placement state said places an order. */
  lastPlacement(): PendingPlacement;
  /** The order the last order state brought to its status. */
  lastOrder(): OrderState;
}

function param(params: Record<string, unknown> | undefined, name: string): string {
  const value = params?.[name];
  if (value === undefined || value === null || value === '')
    throw new Error(`provider state parameter ${name} is missing`);
  return String(value);
}

export function ordersProviderStates(deps: OrderScenarioDeps): OrdersProviderStates {
  let placement: PendingPlacement | undefined;
  let order: OrderState | undefined;

  /** Consumers' example ids are reused across interactions: start each order from scratch. */
  async function forget(orderId: string): Promise<void> {
    await deps.pool.query('DELETE FROM saga_instances WHERE order_id = $1', [orderId]);
    await deps.pool.query('DELETE FROM order_events WHERE order_id = $1', [orderId]);
  }

  const orderOf = (params?: Record<string, unknown>) => ({
    orderId: param(params, 'orderId'),
    customerId: param(params, 'customerId'),
  });

  return {
    stateHandlers: {
      'customer {customerId} places an order from their cart': async (params) => {
        placement = { customerId: param(params, 'customerId'), fromCart: true };
        return undefined;
      },
      'customer {customerId} places an order': async (params) => {
        placement = { customerId: param(params, 'customerId'), fromCart: false };
        return undefined;
      },
      'order {orderId} of customer {customerId} is paid': async (params) => {
        await forget(param(params, 'orderId'));
        order = await paid(deps, orderOf(params));
        return undefined;
      },
      'order {orderId} of customer {customerId} awaits payment': async (params) => {
        await forget(param(params, 'orderId'));
        order = await awaitingPayment(deps, orderOf(params));
        return undefined;
      },
    },
    lastPlacement() {
      if (!placement) throw new Error('no provider state said who places an order');
      return placement;
    },
    lastOrder() {
      if (!order) throw new Error('no provider state brought an order to a status');
      return order;
    },
  };
}
