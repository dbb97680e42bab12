/**
 * The `routes` entity (kong/db/schema/entities/routes.lua + the http subschema, kong-gateway.md
 * A1.4). Only the http/https protocols are routed here; stream, gRPC and SNI matching are refused.
 */
import type { RecordField } from '../schema/field-schema';
import * as t from '../schema/typedefs';
import { onlyValues, refuseAnyValue } from './unsupported';

const MATCH_FIELDS = ['methods', 'hosts', 'headers', 'paths'] as const;

export const routeSchema: RecordField = {
  type: 'record',
  fields: {
    id: t.uuid(),
    created_at: { type: 'integer' },
    updated_at: { type: 'integer' },
    name: t.utf8Name(),
    protocols: {
      type: 'set',
      lenMin: 1,
      required: true,
      default: ['http', 'https'],
      elements: t.protocol(),
      unsupported: onlyValues(['http', 'https'], 'protocol'),
    },
    https_redirect_status_code: {
      type: 'integer',
      oneOf: [426, 301, 302, 307, 308],
      default: 426,
      required: true,
    },
    strip_path: { type: 'boolean', required: true, default: true },
    preserve_host: { type: 'boolean', required: true, default: false },
    request_buffering: { type: 'boolean', required: true, default: true },
    response_buffering: { type: 'boolean', required: true, default: true },
    tags: t.tags(),
    service: { type: 'string' },
    snis: { type: 'set', elements: { type: 'string' }, unsupported: refuseAnyValue('snis') },
    sources: { type: 'set', elements: { type: 'any' }, unsupported: refuseAnyValue('sources') },
    destinations: {
      type: 'set',
      elements: { type: 'any' },
      unsupported: refuseAnyValue('destinations'),
    },
    methods: t.methods(),
    hosts: t.hosts(),
    paths: { type: 'array', elements: t.routerPath() },
    headers: {
      type: 'map',
      keys: t.headerName({
        matchNone: [
          {
            pattern: /^host$/i,
            err: "cannot contain 'host' header, which must be specified in the 'hosts' attribute",
          },
        ],
      }),
      values: { type: 'array', elements: { type: 'string' } },
    },
    regex_priority: { type: 'integer', default: 0 },
    path_handling: { type: 'string', default: 'v0', oneOf: ['v0', 'v1'] },
  },
  checks: [
    (route) => {
      const present = MATCH_FIELDS.some((f) => {
        const v = route[f];
        return (
          v !== undefined &&
          v !== null &&
          (Array.isArray(v) ? v.length > 0 : Object.keys(v as object).length > 0)
        );
      });
      if (present) return undefined;
      const protocols = (route.protocols as string[] | undefined) ?? [];
      const proto = protocols.includes('https') ? 'https' : 'http';
      const fields = proto === 'https' ? [...MATCH_FIELDS, 'snis'] : MATCH_FIELDS;
      return { message: `must set one of '${fields.join("', '")}' when 'protocols' is '${proto}'` };
    },
  ],
};
