/**
 * key-auth config (kong/plugins/key-auth/schema.lua, kong-gateway.md A6.3). Keys in the request
 * body are refused: reading JSON, form and multipart bodies the way Kong does is not implemented.
 */
import { refuseAnyValue } from '../../declarative-config/entities/unsupported';
import { headerName } from '../../declarative-config/schema/typedefs';
import type { PluginSchema } from '../plugin';

export interface KeyAuthConfig {
  key_names: string[];
  hide_credentials: boolean;
  anonymous?: string;
  key_in_header: boolean;
  key_in_query: boolean;
  key_in_body: boolean;
  run_on_preflight: boolean;
  realm?: string;
}

export const keyAuthSchema: PluginSchema = {
  noConsumer: true,
  config: {
    type: 'record',
    fields: {
      key_names: {
        type: 'array',
        required: true,
        default: ['apikey'],
        elements: headerName(),
        description: 'Header/query names searched for the key, in order.',
      },
      hide_credentials: {
        type: 'boolean',
        required: true,
        default: false,
        description: 'Remove the key before proxying.',
      },
      anonymous: {
        type: 'string',
        description: 'Consumer id or username used when authentication fails.',
      },
      key_in_header: {
        type: 'boolean',
        required: true,
        default: true,
        description: 'Look for the key in headers.',
      },
      key_in_query: {
        type: 'boolean',
        required: true,
        default: true,
        description: 'Look for the key in the query string.',
      },
      key_in_body: {
        type: 'boolean',
        required: true,
        default: false,
        description: 'Look for the key in the request body.',
        unsupported: (v) => (v === true ? refuseAnyValue('key_in_body: true')(v) : undefined),
      },
      run_on_preflight: {
        type: 'boolean',
        required: true,
        default: true,
        description: 'Authenticate OPTIONS requests too.',
      },
      realm: { type: 'string', description: 'realm attribute of WWW-Authenticate.' },
    },
  },
};
