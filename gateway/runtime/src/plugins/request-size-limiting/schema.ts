/** request-size-limiting config (kong/plugins/request-size-limiting/schema.lua, kong-gateway.md A6.2). */
import type { PluginSchema } from '../plugin';

export interface RequestSizeLimitingConfig {
  allowed_payload_size: number;
  size_unit: 'megabytes' | 'kilobytes' | 'bytes';
  require_content_length: boolean;
}

/** Binary multiples, whatever Kong's field description says about 128000000. */
export const UNIT_BYTES = { megabytes: 1048576, kilobytes: 1024, bytes: 1 } as const;

export const requestSizeLimitingSchema: PluginSchema = {
  config: {
    type: 'record',
    fields: {
      allowed_payload_size: {
        type: 'integer',
        default: 128,
        description: 'Allowed request payload size in size_unit.',
      },
      size_unit: {
        type: 'string',
        required: true,
        default: 'megabytes',
        oneOf: ['megabytes', 'kilobytes', 'bytes'],
        description: 'Unit of allowed_payload_size.',
      },
      require_content_length: {
        type: 'boolean',
        required: true,
        default: false,
        description: 'Refuse requests without a valid Content-Length.',
      },
    },
  },
};
