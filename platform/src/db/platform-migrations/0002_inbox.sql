-- Inbox (architecture §6): one row per event a consumer has handled, written in the handler's
-- own transaction, so a redelivery or a duplicate publish has no second effect.

CREATE TABLE platform.inbox (
  consumer    text        NOT NULL,
  event_id    uuid        NOT NULL,
  event_type  text        NOT NULL,
  handled_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);

CREATE INDEX inbox_handled_at_idx ON platform.inbox (handled_at);
