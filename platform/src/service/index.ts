/** Public surface of platform/src/service: start a whole service from its parts. */
export { infrastructureVariables, type InfrastructureDefaults } from './infrastructure-variables';
export {
  runServiceMain,
  startService,
  type BackgroundWorker,
  type InfrastructureConfig,
  type ServiceDefinition,
  type ServiceEvents,
  type ServiceParts,
  type ServiceResources,
  type StartedService,
} from './start-service';
export { eventContext, outboxSink } from './outbox-publishing';
