/** Public surface of platform/src/config: declare, load, document a service's `<PREFIX>_*` variables. */
export {
  configTypes,
  type ConfigType,
  type NumberTypeOptions,
  type StringTypeOptions,
  type UrlTypeOptions,
} from './config-types';
export {
  defineConfig,
  toEnvSuffix,
  ConfigError,
  type ConfigDefinition,
  type ConfigEntry,
  type ConfigSpec,
  type ConfigValues,
  type ConfigVariable,
  type EnvSource,
} from './define-config';
export {
  renderConfigTable,
  spliceConfigTable,
  CONFIG_TABLE_START,
  CONFIG_TABLE_END,
} from './config-table';
export { loadConfigFromProcessEnv } from './load-config-from-process-env';
export {
  serviceVariables,
  LOG_LEVELS,
  TRACING_EXPORTERS,
  type LogLevel,
  type TracingExporterName,
  type ServiceVariableDefaults,
} from './service-variables';
