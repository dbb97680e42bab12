-- Stock levels, one row per product the catalog created (architecture §3, inventory). The CHECK
-- constraints are the last line of defence against overselling: whatever the application does,
-- PostgreSQL refuses a row whose available stock (on_hand - reserved) or reservations go negative.

CREATE TABLE stock_items (
  product_id  uuid        PRIMARY KEY,
  sku         text        NOT NULL,
  on_hand     integer     NOT NULL DEFAULT 0,
  reserved    integer     NOT NULL DEFAULT 0,
  available   integer     GENERATED ALWAYS AS (on_hand - reserved) STORED,
  -- Set when the catalog deleted the product: no new reservations or adjustments; reservations
  -- already held run their course (contracts/asyncapi/inventory.yaml, receiveProductDeleted).
  closed_at   timestamptz,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  CONSTRAINT stock_items_on_hand_not_negative CHECK (on_hand >= 0),
  CONSTRAINT stock_items_reserved_not_negative CHECK (reserved >= 0),
  CONSTRAINT stock_items_available_not_negative CHECK (available >= 0)
);

-- MQTT deltas address products by SKU; a SKU names one open product at a time (the catalog may
-- give a deleted product's SKU to a new one).
CREATE UNIQUE INDEX stock_items_open_sku_idx ON stock_items (sku) WHERE closed_at IS NULL;
