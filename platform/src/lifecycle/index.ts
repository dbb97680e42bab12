/** Public surface of platform/src/lifecycle: run a service process and stop it gracefully. */
export {
  runService,
  FORCED_EXIT_CODE,
  type ProcessLike,
  type RunServiceOptions,
} from './run-service';
export {
  ServiceLifecycle,
  type LifecycleState,
  type ListenOptions,
  type ServiceLifecycleOptions,
  type ShutdownResult,
  type Stopper,
} from './service-lifecycle';
export { HttpDrain, type DrainResult } from './http-drain';
export {
  createServiceRuntime,
  type BootstrapConfig,
  type ServiceRuntime,
  type ServiceRuntimeOptions,
} from './service-runtime';
