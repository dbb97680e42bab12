-- The queue bindings this service last declared on RabbitMQ. AMQP cannot list bindings, so this
-- record is how platform/src/events/topology.ts finds bindings the contract no longer names.

CREATE TABLE platform.broker_bindings (
  queue        text        NOT NULL,
  exchange     text        NOT NULL,
  routing_key  text        NOT NULL,
  declared_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (queue, exchange, routing_key)
);
