/**
 * Public surface of platform/src/events: envelopes, the RabbitMQ connection, publisher and
 * consumer (retries + DLQ), transactional outbox and relay, inbox.
 */
export {
  createEnvelope,
  type CreateEnvelopeInput,
  type EventEnvelope,
  type EventRegistry,
  type EventRejection,
  type EventValidation,
} from './envelope';
export {
  BrokerConnection,
  BrokerUnavailableError,
  type BrokerConnectionOptions,
} from './broker-connection';
export { EventPublisher, type EventPublisherOptions } from './event-publisher';
export { PublishFailedError, type ConfirmedSend } from './confirmed-publish';
export {
  createEventConsumer,
  EventConsumer,
  type EventConsumerOptions,
  type StatelessEventConsumerOptions,
} from './event-consumer';
export type {
  EventHandlerContext,
  EventHandlerMap,
  StatelessEventHandlerContext,
} from './event-handler-types';
export { DEFAULT_RETRY, resolveRetrySettings, type RetrySettings } from './retry-settings';
export { HEADER as FAILURE_HEADERS, type FailureReason } from './failure-headers';
export {
  DEFAULT_DELIVERY_LIMIT,
  DEFAULT_EXCHANGE,
  DEFAULT_QUEUE_PREFIX,
  declareEventsExchange,
  declareServiceQueues,
  serviceQueueNames,
  type ServiceQueueNames,
} from './topology';
export {
  postgresBindingStore,
  reconcileBindings,
  type BindingReport,
  type BindingStore,
} from './binding-store';
export {
  appendToOutbox,
  outboxInsertStatement,
  OutboxValidationError,
  OUTBOX_APPEND_LOCK_NAMESPACE,
  type AppendToOutboxOptions,
  type OutboxInsertStatementOptions,
} from './outbox';
export { OutboxRelay, type OutboxRelayMetrics, type OutboxRelayOptions } from './outbox-relay';
export {
  OUTBOX_RELAY_LOCK_NAMESPACE,
  settledOnlyPublisher,
  type BatchResult,
  type OutboxPublisher,
} from './outbox-batch';
export { createOutboxRelayPromMetrics } from './outbox-relay-metrics';
export { handleOnce, purgeInbox, type HandleOnceResult } from './inbox';
export { silentLogger, type EventLogger } from './event-logger';
export { contextFromHeaders, traceHeadersFor } from './trace-headers';
export { envelopeToOutgoingEvent, type OutgoingEvent } from './amqp-message';
