-- Rotating refresh tokens (contract operation refreshTokens): every token descending from one
-- sign-in belongs to one family; revoking the family (logout, or reuse of a used token) ends them
-- all. Tokens are stored as SHA-256 digests only. Every change to a family's tokens first locks the
-- family row, so concurrent refreshes of one family are serialised.
CREATE TABLE refresh_token_families (
  id             uuid        PRIMARY KEY,
  user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at     timestamptz NOT NULL,
  revoked_at     timestamptz,
  revoked_reason text        CHECK (revoked_reason IN ('logout', 'reuse')),
  CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
);

CREATE INDEX refresh_token_families_user_idx ON refresh_token_families (user_id);

CREATE TABLE refresh_tokens (
  token_hash bytea       PRIMARY KEY CHECK (octet_length(token_hash) = 32),
  family_id  uuid        NOT NULL REFERENCES refresh_token_families (id) ON DELETE CASCADE,
  issued_at  timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  -- Set when the token is traded for its successor; a second presentation is reuse.
  used_at    timestamptz,
  -- Set on every token of a family when the family is revoked.
  revoked_at timestamptz,
  CHECK (expires_at > issued_at)
);

CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
