/** correlation-id config (kong/plugins/correlation-id/schema.lua, kong-gateway.md A6.1). */
import type { PluginSchema } from '../plugin';

export interface CorrelationIdConfig {
  header_name: string;
  generator: 'uuid' | 'uuid#counter' | 'tracker';
  echo_downstream: boolean;
}

export const correlationIdSchema: PluginSchema = {
  config: {
    type: 'record',
    fields: {
      header_name: {
        type: 'string',
        default: 'Kong-Request-ID',
        description: 'The HTTP header name to use for the correlation ID.',
      },
      generator: {
        type: 'string',
        default: 'uuid#counter',
        oneOf: ['uuid', 'uuid#counter', 'tracker'],
        description: 'The generator to use for the correlation ID.',
      },
      echo_downstream: {
        type: 'boolean',
        required: true,
        default: false,
        description: 'Whether to echo the header back to downstream.',
      },
    },
  },
};
