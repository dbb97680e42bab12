-- User accounts of identity (services/identity): email is stored lower-cased by the service and
-- unique; roles are a subset of the contract's UserRole enum (service tokens hold `service`, no
-- account does); only an argon2id hash of the password is kept.
CREATE TABLE users (
  id            uuid        PRIMARY KEY,
  email         text        NOT NULL,
  display_name  text        NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 100),
  password_hash text        NOT NULL CHECK (password_hash LIKE '$argon2%'),
  roles         text[]      NOT NULL
                CHECK (cardinality(roles) >= 1 AND roles <@ ARRAY['customer', 'admin', 'partner']::text[]),
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);

CREATE UNIQUE INDEX users_email_key ON users (email);

-- The last-admin rule counts admins on every role change.
CREATE INDEX users_admins_idx ON users (id) WHERE 'admin' = ANY (roles);
