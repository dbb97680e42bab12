-- The catalog's tables (services/catalog): categories, products with their full-text search
-- vector, and the SCD2 price history. Forward-only: never edit a released migration, add a new one.

-- btree_gist lets one exclusion constraint say "no two price entries of a product overlap".
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE categories (
  id          uuid        PRIMARY KEY,
  name        text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  slug        text        NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  description text        NOT NULL DEFAULT '',
  -- RESTRICT: a category with sub-categories is never deleted (the API answers 409 first).
  parent_id   uuid        REFERENCES categories (id) ON DELETE RESTRICT,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT categories_slug_key UNIQUE (slug),
  CONSTRAINT categories_not_own_parent CHECK (parent_id IS DISTINCT FROM id)
);

CREATE INDEX categories_parent_idx ON categories (parent_id);
CREATE INDEX categories_name_idx ON categories (name, id);

CREATE TABLE products (
  id                uuid        PRIMARY KEY,
  sku               text        NOT NULL CHECK (sku ~ '^[A-Z0-9][A-Z0-9-]{2,31}$'),
  name              text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  description       text        NOT NULL DEFAULT '',
  -- SET NULL only ever touches withdrawn products: a category holding listed ones is not deleted.
  category_id       uuid        REFERENCES categories (id) ON DELETE SET NULL,
  -- The current price; always equal to the open product_prices entry (both written in one transaction).
  price_amount      bigint      NOT NULL CHECK (price_amount >= 0),
  price_currency    text        NOT NULL CHECK (price_currency ~ '^[A-Z]{3}$'),
  in_stock          boolean     NOT NULL DEFAULT false,
  -- occurredAt of the stock event in_stock was last set from (older events are ignored).
  stock_observed_at timestamptz,
  sales_count       bigint      NOT NULL DEFAULT 0 CHECK (sales_count >= 0),
  -- Bumped by every update (trigger below); the Redis cache refuses entries older than an eviction.
  version           bigint      NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  deleted_at        timestamptz,
  -- SKU tokens unstemmed ('simple'), name and description stemmed ('english'), plus the unstemmed
  -- words of both at the lowest weight, so "MUG-BLUE-01 ceramic" matches through either dictionary.
  search_vector     tsvector    GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, sku), 'A') ||
    setweight(to_tsvector('english'::regconfig, name), 'A') ||
    setweight(to_tsvector('english'::regconfig, description), 'B') ||
    setweight(to_tsvector('simple'::regconfig, name || ' ' || description), 'D')
  ) STORED,
  -- SKUs stay taken after a product is withdrawn: inventory and devices know products by SKU.
  CONSTRAINT products_sku_key UNIQUE (sku)
);

CREATE INDEX products_search_idx ON products USING gin (search_vector);
CREATE INDEX products_category_idx ON products (category_id);
-- One index per sort order of listProducts, over listed (not withdrawn) products only.
CREATE INDEX products_listed_name_idx ON products (name, id) WHERE deleted_at IS NULL;
CREATE INDEX products_listed_price_idx ON products (price_amount, id) WHERE deleted_at IS NULL;
CREATE INDEX products_listed_created_idx ON products (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX products_listed_popularity_idx ON products (sales_count DESC, name, id)
  WHERE deleted_at IS NULL;

CREATE FUNCTION products_bump_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := OLD.version + 1;
  RETURN NEW;
END
$$;

CREATE TRIGGER products_bump_version
  BEFORE UPDATE ON products
  FOR EACH ROW EXECUTE FUNCTION products_bump_version();

-- SCD2: one row per price a product has had, valid over [valid_from, valid_to).
CREATE TABLE product_prices (
  product_id uuid        NOT NULL REFERENCES products (id),
  amount     bigint      NOT NULL CHECK (amount >= 0),
  currency   text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  valid_from timestamptz NOT NULL,
  valid_to   timestamptz,
  PRIMARY KEY (product_id, valid_from),
  CONSTRAINT product_prices_not_empty CHECK (valid_to IS NULL OR valid_to > valid_from),
  CONSTRAINT product_prices_no_overlap
    EXCLUDE USING gist (product_id WITH =, tstzrange(valid_from, valid_to, '[)') WITH &&)
);

-- Exactly one open (current) entry per product.
CREATE UNIQUE INDEX product_prices_one_open_idx ON product_prices (product_id)
  WHERE valid_to IS NULL;

-- Checked at COMMIT (a price change closes one entry and opens another inside one transaction):
-- every product touched has exactly one open entry, and it is the price the product shows.
CREATE FUNCTION products_check_current_price() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  -- TG_ARGV[0] names the column holding the product id in the table that fired.
  pid uuid := (to_jsonb(NEW) ->> TG_ARGV[0])::uuid;
  open_entries integer;
  matching integer;
BEGIN
  SELECT count(*), count(*) FILTER (WHERE pp.amount = p.price_amount AND pp.currency = p.price_currency)
    INTO open_entries, matching
    FROM product_prices pp JOIN products p ON p.id = pp.product_id
   WHERE pp.product_id = pid AND pp.valid_to IS NULL;
  IF open_entries <> 1 OR matching <> 1 THEN
    RAISE EXCEPTION 'product % must have exactly one open price entry equal to its price (open: %)',
      pid, open_entries USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER products_current_price
  AFTER INSERT OR UPDATE OF price_amount, price_currency ON products
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION products_check_current_price('id');

CREATE CONSTRAINT TRIGGER product_prices_current_price
  AFTER INSERT OR UPDATE ON product_prices
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION products_check_current_price('product_id');
