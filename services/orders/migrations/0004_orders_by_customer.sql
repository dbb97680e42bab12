-- Read model behind listMyOrders, built only from the order events orders consumes from RabbitMQ
-- (event-handlers/orders-by-customer.projection.ts) and rebuildable from order_events with
-- `npx tsx services/orders/src/cli/replay-read-model.ts`. status_rank orders the statuses an order
-- moves through (PENDING 0, PAID 1, FULFILLED/CANCELED 2), so a late or repeated event never
-- moves a row back.

CREATE TABLE orders_by_customer (
  order_id        uuid        PRIMARY KEY,
  customer_id     uuid        NOT NULL,
  status          text        NOT NULL,
  step            text        NOT NULL,
  status_rank     smallint    NOT NULL,
  item_count      integer     NOT NULL,
  total_amount    bigint      NOT NULL,
  total_currency  char(3)     NOT NULL,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);

CREATE INDEX orders_by_customer_listing_idx
  ON orders_by_customer (customer_id, created_at DESC, order_id DESC);
