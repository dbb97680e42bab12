/** acl config (kong/plugins/acl/schema.lua, kong-gateway.md A6.4): exactly one of allow/deny. */
import { atLeastOneOf, onlyOneOf } from '../../declarative-config/schema/field-schema';
import type { PluginSchema } from '../plugin';

export interface AclConfig {
  allow?: string[];
  deny?: string[];
  hide_groups_header: boolean;
  always_use_authenticated_groups: boolean;
}

const label = (f: string): string => `config.${f}`;

export const aclSchema: PluginSchema = {
  noConsumer: true,
  config: {
    type: 'record',
    fields: {
      allow: {
        type: 'array',
        elements: { type: 'string' },
        description: 'Groups allowed to consume the route or service.',
      },
      deny: { type: 'array', elements: { type: 'string' }, description: 'Groups denied.' },
      hide_groups_header: {
        type: 'boolean',
        required: true,
        default: false,
        description: 'Do not send X-Consumer-Groups upstream.',
      },
      always_use_authenticated_groups: {
        type: 'boolean',
        required: true,
        default: false,
        description:
          'Prefer groups from an external authenticator (none is implemented here, so this has no effect).',
      },
    },
    checks: [onlyOneOf(['allow', 'deny'], label), atLeastOneOf(['allow', 'deny'], label)],
  },
};
