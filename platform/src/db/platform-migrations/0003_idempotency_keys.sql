-- HTTP Idempotency-Key records (architecture §4): the key, a hash of the request, and the first
-- response, kept for 24 h; used by platform/src/idempotency.

CREATE TABLE platform.idempotency_keys (
  subject          text        NOT NULL,
  operation        text        NOT NULL,
  idempotency_key  text        NOT NULL,
  request_hash     text        NOT NULL,
  state            text        NOT NULL CHECK (state IN ('in-progress', 'completed')),
  -- Distinguishes this claim from a later take-over of the same key (stale in-progress rows).
  claim_token      uuid        NOT NULL,
  locked_at        timestamptz NOT NULL,
  response_status  integer,
  response_headers jsonb,
  response_body    bytea,
  created_at       timestamptz NOT NULL,
  expires_at       timestamptz NOT NULL,
  PRIMARY KEY (subject, operation, idempotency_key)
);

CREATE INDEX idempotency_keys_expires_at_idx ON platform.idempotency_keys (expires_at);
