-- The last MQTT delta handled under each packet id of the ingest's persistent session, written in
-- the transaction of the adjustment it caused (or of its refusal). A QoS 1 redelivery (DUP flag)
-- whose PUBACK was lost carries the same packet id, topic and payload, and is recognised here
-- instead of being applied twice (README: "Duplicate QoS 1 deliveries").

CREATE TABLE mqtt_receipts (
  client_id       text        NOT NULL,
  packet_id       integer     NOT NULL,
  topic           text        NOT NULL,
  payload_sha256  text        NOT NULL,
  -- applied, unknown_sku, insufficient_stock, too_much_stock
  outcome         text        NOT NULL,
  -- The adjustment an applied delta made; null when the delta was refused.
  adjustment_id   uuid        REFERENCES stock_adjustments (id),
  handled_at      timestamptz NOT NULL,
  PRIMARY KEY (client_id, packet_id)
);
