/** jwt config (kong/plugins/jwt/schema.lua, kong-gateway.md A3.1). */
import type { PluginSchema } from '../plugin';

export interface JwtConfig {
  uri_param_names: string[];
  cookie_names: string[];
  header_names: string[];
  claims_to_verify?: ('exp' | 'nbf')[];
  key_claim_name: string;
  secret_is_base64: boolean;
  maximum_expiration: number;
  run_on_preflight: boolean;
  anonymous?: string;
  realm?: string;
}

export const jwtSchema: PluginSchema = {
  noConsumer: true,
  config: {
    type: 'record',
    fields: {
      uri_param_names: {
        type: 'set',
        elements: { type: 'string' },
        default: ['jwt'],
        description: 'Query parameters searched for a JWT.',
      },
      cookie_names: {
        type: 'set',
        elements: { type: 'string' },
        default: [],
        description: 'Cookies searched for a JWT.',
      },
      key_claim_name: {
        type: 'string',
        default: 'iss',
        description: 'Claim (then header field) holding the credential key.',
      },
      secret_is_base64: {
        type: 'boolean',
        required: true,
        default: false,
        description: 'HS secrets are base64url-encoded.',
      },
      claims_to_verify: {
        type: 'set',
        elements: { type: 'string', oneOf: ['exp', 'nbf'] },
        description: 'Registered claims to verify; unlisted ones are not checked.',
      },
      anonymous: {
        type: 'string',
        description: 'Consumer id or username used when authentication fails.',
      },
      run_on_preflight: {
        type: 'boolean',
        required: true,
        default: true,
        description: 'Authenticate OPTIONS requests too.',
      },
      maximum_expiration: {
        type: 'number',
        default: 0,
        between: [0, 31536000],
        description: 'Maximum lifetime of a token in seconds (0 = unlimited).',
      },
      header_names: {
        type: 'set',
        elements: { type: 'string' },
        default: ['authorization'],
        description: 'Headers searched for a JWT.',
      },
      realm: { type: 'string', description: 'realm attribute of WWW-Authenticate.' },
    },
    checks: [
      (conf) =>
        (conf.maximum_expiration as number) > 0 &&
        !((conf.claims_to_verify as string[] | undefined) ?? []).includes('exp')
          ? { field: 'claims_to_verify', message: 'expected to contain: exp' }
          : undefined,
    ],
  },
};
