-- The order-placement saga's own state, one row per order, written in the transaction of every
-- event the order gets: the step it is at, its business deadline (the reservation's expiry while
-- awaiting payment), and when the saga worker should look at it next. A crashed process leaves the
-- row behind; whichever instance finds it due resumes the step (claims use FOR UPDATE SKIP LOCKED).

CREATE TABLE saga_instances (
  order_id         uuid        PRIMARY KEY,
  step             text        NOT NULL,
  -- The order version this row was computed from: a failure is recorded only against the version
  -- the worker saw, never over a newer step written by someone else.
  order_version    integer     NOT NULL,
  deadline         timestamptz,
  attempts         integer     NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz,
  last_error       text,
  -- The charge in progress (Idempotency-Key sent to payment and the payment method), so a charge
  -- interrupted by a crash is retried with the same key; cleared when the step ends.
  charge           jsonb,
  updated_at       timestamptz NOT NULL,
  CONSTRAINT saga_instances_step_known CHECK (step IN ('RESERVING_STOCK', 'AWAITING_PAYMENT',
    'CHARGING', 'COMMITTING', 'COMPLETED', 'COMPENSATING', 'CLOSED')),
  CONSTRAINT saga_instances_attempts_positive CHECK (attempts >= 0),
  CONSTRAINT saga_instances_charge_only_while_charging CHECK (charge IS NULL OR step = 'CHARGING')
);

-- What the worker scans: sagas with something left to do, soonest first.
CREATE INDEX saga_instances_due_idx ON saga_instances (next_attempt_at)
  WHERE next_attempt_at IS NOT NULL;
