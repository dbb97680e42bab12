-- One round trip for the relay's claim (platform/src/events/outbox-batch.ts): try-lock the
-- partitions among the oldest pending events, looking past partitions another relay holds (up to
-- three rounds), then return the pending events of the partitions locked, oldest first.
--
-- VOLATILE plpgsql takes a new snapshot for each statement (READ COMMITTED), so the final SELECT
-- sees everything the previous holder of a partition lock committed before we got the lock.
-- 1113214802 = 'BZOR': the relay-lock namespace, distinct from the append namespace ('BZOA').

CREATE FUNCTION platform.outbox_claim(batch_size integer)
RETURNS TABLE (
  "position"    bigint,
  event_id      uuid,
  event_type    text,
  partition_key text,
  message       text,
  headers       jsonb,
  created_at    timestamptz
)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  skipped  text[] := '{}';
  locked   text[] := '{}';
  seen     integer;
  attempt  integer := 0;
BEGIN
  LOOP
    SELECT coalesce(array_agg(t.k) FILTER (WHERE t.got), '{}'),
           skipped || coalesce(array_agg(t.k) FILTER (WHERE NOT t.got), '{}'),
           count(*)
      INTO locked, skipped, seen
      FROM (SELECT c.k, pg_try_advisory_xact_lock(1113214802, hashtext(c.k)) AS got
              FROM (SELECT DISTINCT w.partition_key AS k
                      FROM (SELECT o.partition_key FROM platform.outbox o
                             WHERE o.published_at IS NULL AND NOT (o.partition_key = ANY (skipped))
                             ORDER BY o."position" LIMIT batch_size) w) c) t;
    EXIT WHEN cardinality(locked) > 0 OR seen = 0 OR attempt >= 2;
    attempt := attempt + 1;
  END LOOP;
  IF cardinality(locked) = 0 THEN
    RETURN;
  END IF;
  -- Sorted by position and cut by LIMIT: each partition's rows are a prefix of its backlog.
  RETURN QUERY
    SELECT o."position", o.event_id, o.event_type, o.partition_key, o.message::text, o.headers, o.created_at
      FROM platform.outbox o
     WHERE o.published_at IS NULL AND o.partition_key = ANY (locked)
     ORDER BY o."position"
     LIMIT batch_size;
END
$$;
