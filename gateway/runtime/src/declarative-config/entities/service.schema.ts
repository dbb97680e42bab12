/**
 * The `services` entity (kong/db/schema/entities/services.lua, kong-gateway.md A1.3), with the
 * `url` shorthand; upstream TLS options and non-HTTP protocols are refused.
 */
import type { RecordField } from '../schema/field-schema';
import * as t from '../schema/typedefs';
import { onlyValues, refuseAnyValue } from './unsupported';

/** Splits a URL the way LuaSocket's `url.parse` does for the shorthand. */
function expandUrl(value: unknown, record: Record<string, unknown>): void {
  if (typeof value !== 'string') {
    record.url = value;
    return;
  }
  const m =
    /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?(?:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?)?([^?#]*)/.exec(
      value,
    );
  const scheme = m?.[1]?.toLowerCase();
  const portText = m?.[3];
  const port = portText ? Number(portText) : undefined;
  const protocol = scheme ?? (port === 443 ? 'https' : 'http');
  record.protocol = protocol;
  record.host = m?.[2] || null;
  record.port = port ?? (protocol === 'https' ? 443 : 80);
  record.path = m?.[4] || null;
}

export const serviceSchema: RecordField = {
  type: 'record',
  fields: {
    id: t.uuid(),
    created_at: { type: 'integer' },
    updated_at: { type: 'integer' },
    name: t.utf8Name(),
    retries: { type: 'integer', default: 5, between: [0, 32767] },
    protocol: t.protocol({
      required: true,
      default: 'http',
      unsupported: onlyValues(['http', 'https'], 'protocol'),
    }),
    host: t.host({ required: true }),
    port: t.port({ required: true, default: 80 }),
    path: t.path(),
    connect_timeout: t.timeout(1, 60000),
    write_timeout: t.timeout(1, 60000),
    read_timeout: t.timeout(1, 60000),
    tags: t.tags(),
    client_certificate: { type: 'any', unsupported: refuseAnyValue('client_certificate') },
    tls_verify: { type: 'boolean', unsupported: refuseAnyValue('tls_verify') },
    tls_verify_depth: {
      type: 'integer',
      between: [0, 64],
      unsupported: refuseAnyValue('tls_verify_depth'),
    },
    ca_certificates: {
      type: 'array',
      elements: t.uuid(),
      unsupported: refuseAnyValue('ca_certificates'),
    },
    enabled: { type: 'boolean', required: true, default: true },
  },
  shorthands: { url: expandUrl },
};
