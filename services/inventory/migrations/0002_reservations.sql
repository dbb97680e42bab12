-- Reservations of stock for orders (gRPC ReserveStock / ReleaseStock / CommitReservation): one per
-- order, all or nothing over its items, with an expiry after which inventory releases it itself.

CREATE TABLE reservations (
  id              uuid        PRIMARY KEY,
  -- The idempotency key of every reservation rpc: an order holds at most one reservation, ever.
  order_id        uuid        NOT NULL UNIQUE,
  status          text        NOT NULL,
  expires_at      timestamptz NOT NULL,
  created_at      timestamptz NOT NULL,
  committed_at    timestamptz,
  released_at     timestamptz,
  release_reason  text,
  CONSTRAINT reservations_status_known CHECK (status IN ('ACTIVE', 'COMMITTED', 'RELEASED')),
  CONSTRAINT reservations_release_reason_known
    CHECK (release_reason IN ('ORDER_CANCELED', 'RESERVATION_EXPIRED')),
  CONSTRAINT reservations_released_fields
    CHECK ((status = 'RELEASED') = (released_at IS NOT NULL AND release_reason IS NOT NULL)),
  CONSTRAINT reservations_committed_fields CHECK (status <> 'COMMITTED' OR committed_at IS NOT NULL)
);

-- What the expiry sweep scans: only active reservations, soonest first.
CREATE INDEX reservations_active_expiry_idx ON reservations (expires_at) WHERE status = 'ACTIVE';

CREATE TABLE reservation_items (
  reservation_id  uuid    NOT NULL REFERENCES reservations (id),
  product_id      uuid    NOT NULL REFERENCES stock_items (product_id),
  quantity        integer NOT NULL,
  PRIMARY KEY (reservation_id, product_id),
  CONSTRAINT reservation_items_quantity_positive CHECK (quantity > 0)
);
