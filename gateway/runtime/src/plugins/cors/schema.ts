/** cors config (kong/plugins/cors/schema.lua, kong-gateway.md A5.1; `allow_origin_absent` as on master). */
import type { PluginSchema } from '../plugin';

export const CORS_METHODS = [
  'GET',
  'HEAD',
  'PUT',
  'PATCH',
  'POST',
  'DELETE',
  'OPTIONS',
  'TRACE',
  'CONNECT',
] as const;

export interface CorsConfig {
  origins?: string[];
  headers?: string[];
  exposed_headers?: string[];
  methods: string[];
  max_age?: number;
  credentials: boolean;
  private_network: boolean;
  preflight_continue: boolean;
  allow_origin_absent: boolean;
}

/** Kong accepts `*` or anything that compiles as a PCRE; we compile it as a JavaScript regex. */
function validateOrigin(origin: string): string | undefined {
  if (origin === '*') return undefined;
  try {
    new RegExp(origin);
    return undefined;
  } catch {
    return `'${origin}' is not a valid regex`;
  }
}

export const corsSchema: PluginSchema = {
  noConsumer: true,
  config: {
    type: 'record',
    fields: {
      origins: {
        type: 'array',
        elements: { type: 'string', custom: validateOrigin },
        description: 'Allowed origins.',
      },
      headers: {
        type: 'array',
        elements: { type: 'string' },
        description: 'Value for Access-Control-Allow-Headers.',
      },
      exposed_headers: {
        type: 'array',
        elements: { type: 'string' },
        description: 'Value for Access-Control-Expose-Headers.',
      },
      methods: {
        type: 'array',
        default: [...CORS_METHODS],
        elements: { type: 'string', oneOf: CORS_METHODS },
        description: 'Value for Access-Control-Allow-Methods.',
      },
      max_age: { type: 'number', description: 'Access-Control-Max-Age on preflights, in seconds.' },
      credentials: {
        type: 'boolean',
        required: true,
        default: false,
        description: 'Send Access-Control-Allow-Credentials: true.',
      },
      private_network: {
        type: 'boolean',
        required: true,
        default: false,
        description: 'Answer Private Network Access preflights.',
      },
      preflight_continue: {
        type: 'boolean',
        required: true,
        default: false,
        description: 'Proxy preflights upstream.',
      },
      allow_origin_absent: {
        type: 'boolean',
        required: true,
        default: true,
        description: 'Whether requests without Origin still get CORS headers.',
      },
    },
  },
};
