/**
 * The `plugins` entity without its `config` (kong/db/schema/entities/plugins.lua); each plugin's
 * own schema.ts validates `config` and may narrow `protocols`.
 */
import type { RecordField } from '../schema/field-schema';
import * as t from '../schema/typedefs';

export const pluginEntitySchema: RecordField = {
  type: 'record',
  fields: {
    id: t.uuid(),
    name: { type: 'string', required: true },
    instance_name: t.utf8Name(),
    created_at: { type: 'integer' },
    updated_at: { type: 'integer' },
    route: { type: 'string' },
    service: { type: 'string' },
    consumer: { type: 'string' },
    config: { type: 'any' },
    protocols: t.pluginProtocols(),
    enabled: { type: 'boolean', required: true, default: true },
    tags: t.tags(),
  },
};
