-- Carts, their lines, and what the cart knows of each product it has seen (services/cart).
-- Forward-only: never edit a released migration, add a new one.

-- One cart per user, created by ecommerce.identity.user.registered.v1 (or by the first add).
CREATE TABLE carts (
  user_id    uuid        PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- When the lines last changed; NULL while the cart never held anything.
  updated_at timestamptz
);

-- The catalog's facts about a product as the cart last learned them, shared by every cart
-- holding it: one price change is one row update, and every cart shows it at once.
--   * name, sku, in_stock: from the latest catalog read (an add), as of the product's updatedAt;
--   * price: from whichever is newer, a catalog read (as of updatedAt) or a price.changed event
--     (as of validFrom), so a stale read racing an event never overwrites the newer price;
--   * deleted_at: tombstone from product.deleted, so an add racing the deletion is refused.
-- A product only heard of through an event has no name yet; lines always have one, because
-- only an add (which reads the catalog) creates a line.
CREATE TABLE catalog_products (
  product_id     uuid        PRIMARY KEY,
  sku            text,
  name           text,
  in_stock       boolean,
  read_as_of     timestamptz,
  price_amount   bigint      CHECK (price_amount >= 0),
  price_currency char(3),
  price_as_of    timestamptz,
  deleted_at     timestamptz,
  CHECK ((price_amount IS NULL) = (price_currency IS NULL)
         AND (price_amount IS NULL) = (price_as_of IS NULL)),
  CHECK ((name IS NULL) = (read_as_of IS NULL) AND (name IS NULL) = (in_stock IS NULL))
);

CREATE TABLE cart_items (
  user_id    uuid    NOT NULL REFERENCES carts (user_id) ON DELETE CASCADE,
  product_id uuid    NOT NULL REFERENCES catalog_products (product_id),
  quantity   integer NOT NULL CHECK (quantity BETWEEN 1 AND 99),
  -- Lines are listed in the order their products were first added.
  position   bigint  GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (user_id, product_id)
);

-- Price changes and deletions find every cart holding a product.
CREATE INDEX cart_items_product_idx ON cart_items (product_id);
