-- Transactional outbox (architecture §6): producers insert events in the same transaction as
-- their state change; platform/src/events/outbox-relay.ts publishes them with publisher confirms.
-- Forward-only: never edit a released migration, add a new one.

CREATE SCHEMA IF NOT EXISTS platform;

-- Positions come from this sequence only AFTER the partition's append lock is held (trigger
-- below), so within one partition key position order is commit order even when two
-- transactions for the same aggregate run concurrently.
CREATE SEQUENCE platform.outbox_position_seq AS bigint;

CREATE TABLE platform.outbox (
  position         bigint      PRIMARY KEY,
  event_id         uuid        NOT NULL UNIQUE,
  event_type       text        NOT NULL,
  partition_key    text        NOT NULL,
  -- json (not jsonb) keeps the producer's exact serialisation, which is what gets published.
  message          json        NOT NULL,
  -- AMQP headers captured at append time: traceparent/tracestate of the producing request.
  headers          jsonb       NOT NULL DEFAULT '{}'::jsonb,
  created_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
  published_at     timestamptz,
  publish_attempts integer     NOT NULL DEFAULT 0,
  last_error       text
);

CREATE INDEX outbox_pending_idx ON platform.outbox (position) WHERE published_at IS NULL;
CREATE INDEX outbox_pending_partition_idx ON platform.outbox (partition_key, position)
  WHERE published_at IS NULL;
CREATE INDEX outbox_published_at_idx ON platform.outbox (published_at)
  WHERE published_at IS NOT NULL;

-- 1113214785 = 'BZOA': the append-lock namespace (two-int advisory key space, so it cannot
-- collide with node-pg-migrate's single-bigint lock). Keep in step with outbox-sql.ts.
CREATE FUNCTION platform.outbox_assign_position() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(1113214785, hashtext(NEW.partition_key));
  NEW.position := nextval('platform.outbox_position_seq');
  RETURN NEW;
END
$$;

CREATE TRIGGER outbox_assign_position
  BEFORE INSERT ON platform.outbox
  FOR EACH ROW EXECUTE FUNCTION platform.outbox_assign_position();

-- One notification per inserting statement; PostgreSQL delivers it at COMMIT only (and folds
-- identical notifications of one transaction into one), which wakes the relay without polling.
CREATE FUNCTION platform.outbox_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('platform_outbox', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER outbox_notify
  AFTER INSERT ON platform.outbox
  FOR EACH STATEMENT EXECUTE FUNCTION platform.outbox_notify();
