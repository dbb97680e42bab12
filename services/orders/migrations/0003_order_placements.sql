-- Which order a customer's Idempotency-Key placed: a placeOrder retried after a crash (before the
-- platform stored its answer) finds its order here and continues it instead of placing a second
-- one. Written in the transaction that places the order.

CREATE TABLE order_placements (
  customer_id      uuid        NOT NULL,
  idempotency_key  text        NOT NULL,
  order_id         uuid        NOT NULL UNIQUE,
  created_at       timestamptz NOT NULL,
  PRIMARY KEY (customer_id, idempotency_key)
);
