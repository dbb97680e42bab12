-- Payments and their refunds (services/payment): every charge of an order is recorded, whatever
-- the provider said; refunds are recorded only when the provider made them.

CREATE TABLE payments (
  id                        uuid        PRIMARY KEY,
  order_id                  uuid        NOT NULL,
  customer_id               uuid        NOT NULL,
  amount                    bigint      NOT NULL CHECK (amount > 0),
  currency                  text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  status                    text        NOT NULL
                            CHECK (status IN ('SUCCEEDED', 'FAILED', 'PARTIALLY_REFUNDED', 'REFUNDED')),
  attempts                  smallint    NOT NULL CHECK (attempts BETWEEN 0 AND 5),
  failure_reason            text        CHECK (failure_reason IN ('DECLINED', 'PROVIDER_UNAVAILABLE')),
  decline_code              text        CHECK (char_length(decline_code) <= 64),
  refunded_amount           bigint      NOT NULL DEFAULT 0,
  provider_charge_id        text,
  -- The key the charge was sent to the provider with: a retried request finds its own charge.
  provider_idempotency_key  text        NOT NULL,
  created_at                timestamptz NOT NULL,
  updated_at                timestamptz NOT NULL,
  CHECK (refunded_amount BETWEEN 0 AND amount),
  CHECK ((status = 'FAILED') = (failure_reason IS NOT NULL)),
  CHECK ((status = 'FAILED') = (provider_charge_id IS NULL)),
  CHECK (decline_code IS NULL OR failure_reason = 'DECLINED'),
  CHECK (status <> 'FAILED' OR refunded_amount = 0)
);

CREATE INDEX payments_order_id_idx ON payments (order_id);

-- An order has at most one charged payment, whatever the concurrency (contract: createPayment 409).
CREATE UNIQUE INDEX payments_one_charge_per_order_idx ON payments (order_id) WHERE status <> 'FAILED';

CREATE INDEX payments_provider_idempotency_key_idx ON payments (provider_idempotency_key);

CREATE TABLE refunds (
  id                        uuid        PRIMARY KEY,
  payment_id                uuid        NOT NULL REFERENCES payments (id),
  amount                    bigint      NOT NULL CHECK (amount > 0),
  currency                  text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  reason                    text        NOT NULL CHECK (reason IN ('ORDER_CANCELED', 'CUSTOMER_REQUEST', 'OTHER')),
  provider_refund_id        text        NOT NULL UNIQUE,
  provider_idempotency_key  text        NOT NULL UNIQUE,
  created_at                timestamptz NOT NULL
);

CREATE INDEX refunds_payment_id_idx ON refunds (payment_id, created_at, id);

-- Short leases that serialise calls to the provider per order (charges) and per payment
-- (refunds), so two concurrent requests never charge one order twice or over-refund a payment.
-- A lease outlives its holder's whole provider budget; a crashed holder's lease simply expires.
CREATE TABLE provider_call_leases (
  resource    text        PRIMARY KEY,
  holder      uuid        NOT NULL,
  expires_at  timestamptz NOT NULL
);
