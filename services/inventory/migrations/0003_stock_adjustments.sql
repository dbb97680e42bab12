-- The append-only log of stock adjustments (REST adjustStock with source ADMIN, MQTT deltas with
-- source IOT), with the levels right after each one. Reservations are not adjustments.

CREATE TABLE stock_adjustments (
  id               uuid        PRIMARY KEY,
  -- Insert order; adjustments of one product are serialised by its stock row lock, so per
  -- product this is also commit order ("newest first" in listStockAdjustments).
  seq              bigint      GENERATED ALWAYS AS IDENTITY,
  product_id       uuid        NOT NULL REFERENCES stock_items (product_id),
  delta            integer     NOT NULL,
  reason           text        NOT NULL,
  note             text,
  source           text        NOT NULL,
  on_hand_after    integer     NOT NULL,
  available_after  integer     NOT NULL,
  created_at       timestamptz NOT NULL,
  CONSTRAINT stock_adjustments_delta_not_zero CHECK (delta <> 0),
  CONSTRAINT stock_adjustments_reason_known
    CHECK (reason IN ('RESTOCK', 'DAMAGE', 'CORRECTION', 'RETURN', 'SENSOR')),
  CONSTRAINT stock_adjustments_source_known CHECK (source IN ('ADMIN', 'IOT')),
  CONSTRAINT stock_adjustments_levels_not_negative CHECK (on_hand_after >= 0 AND available_after >= 0)
);

CREATE INDEX stock_adjustments_product_seq_idx ON stock_adjustments (product_id, seq DESC);
