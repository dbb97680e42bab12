-- The order aggregate's event store: every change of an order is one row, appended with the
-- version the writer expected to follow; the unique (order_id, version) key makes a second writer
-- at the same version fail (optimistic concurrency), so history never forks.

CREATE TABLE order_events (
  order_id     uuid        NOT NULL,
  version      integer     NOT NULL,
  event_type   text        NOT NULL,
  payload      jsonb       NOT NULL,
  occurred_at  timestamptz NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT order_events_order_version_unique UNIQUE (order_id, version),
  CONSTRAINT order_events_version_positive CHECK (version >= 1)
);

-- The replay command walks the whole store in (order_id, version) order; the unique index serves it.
