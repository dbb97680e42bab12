/**
 * `consumers` and the credential entities this gateway implements: `jwt_secrets`,
 * `keyauth_credentials` and `acls` (kong/db/schema/entities/consumers.lua,
 * kong/plugins/{jwt,key-auth,acl}/daos.lua, kong-gateway.md A1.6).
 */
import { createPublicKey } from 'node:crypto';
import { atLeastOneOf, type RecordField } from '../schema/field-schema';
import * as t from '../schema/typedefs';
import { refuseAnyValue } from './unsupported';

export const consumerSchema: RecordField = {
  type: 'record',
  fields: {
    id: t.uuid(),
    created_at: { type: 'integer' },
    updated_at: { type: 'integer' },
    username: { type: 'string' },
    custom_id: { type: 'string' },
    tags: t.tags(),
  },
  checks: [atLeastOneOf(['custom_id', 'username'])],
};

export const JWT_ALGORITHMS = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'ES256',
  'ES384',
  'ES512',
  'PS256',
  'PS384',
  'PS512',
  'EdDSA',
] as const;

/** Algorithms whose credential must carry a parsable PEM public key (jwt/daos.lua conditional). */
const NEEDS_PUBLIC_KEY = /^(RS256|RS384|RS512|PS256|PS384|PS512|EdDSA)$/;

function isPublicKey(pem: string): boolean {
  try {
    createPublicKey(pem);
    return true;
  } catch {
    return false;
  }
}

export const jwtSecretSchema: RecordField = {
  type: 'record',
  fields: {
    id: t.uuid(),
    created_at: { type: 'integer' },
    consumer: { type: 'string' },
    key: { type: 'string' },
    secret: { type: 'string' },
    rsa_public_key: { type: 'string' },
    algorithm: { type: 'string', default: 'HS256', oneOf: JWT_ALGORITHMS },
    tags: t.tags(),
  },
  checks: [
    (secret) => {
      if (!NEEDS_PUBLIC_KEY.test(String(secret.algorithm))) return undefined;
      const pem = secret.rsa_public_key;
      if (typeof pem !== 'string')
        return { field: 'rsa_public_key', message: 'required field missing' };
      return isPublicKey(pem) ? undefined : { field: 'rsa_public_key', message: 'invalid key' };
    },
  ],
};

export const keyauthCredentialSchema: RecordField = {
  type: 'record',
  fields: {
    id: t.uuid(),
    created_at: { type: 'integer' },
    consumer: { type: 'string' },
    key: { type: 'string' },
    ttl: { type: 'integer', unsupported: refuseAnyValue('ttl') },
    tags: t.tags(),
  },
};

export const aclSchema: RecordField = {
  type: 'record',
  fields: {
    id: t.uuid(),
    created_at: { type: 'integer' },
    consumer: { type: 'string' },
    group: { type: 'string', required: true },
    tags: t.tags(),
  },
};
