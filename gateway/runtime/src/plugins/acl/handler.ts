/**
 * acl (PRIORITY 950, kong-gateway.md A6.4): allow- or deny-lists the authenticated consumer's
 * groups. No consumer → 401; not allowed → 403 `You cannot consume this service`; allowed →
 * `X-Consumer-Groups` upstream. Groups from external authenticators (LDAP, OAuth2) do not exist
 * in this gateway, so the consumer's `acls` are the only source.
 */
import { kongError } from '../../proxy/kong-response';
import type { PluginHandler } from '../plugin';
import { type AclConfig, aclSchema } from './schema';

const FORBIDDEN = 'You cannot consume this service';

export const aclPlugin: PluginHandler = {
  name: 'acl',
  priority: 950,
  schema: aclSchema,
  create(instance, env) {
    const conf = instance.config as unknown as AclConfig;
    const deny = (conf.deny ?? []).length > 0;
    const listed = new Set(deny ? conf.deny : conf.allow);
    return {
      access(ctx) {
        const consumer = ctx.consumer;
        if (!consumer) {
          if (ctx.credential) kongError(ctx, 403, FORBIDDEN);
          else kongError(ctx, 401);
          return;
        }
        let groups = env.credentials.groups(consumer.id);
        if (!groups) {
          if (!deny) {
            if (ctx.credential) kongError(ctx, 403, FORBIDDEN);
            else kongError(ctx, 401);
            return;
          }
          groups = [];
        }
        const inGroup = groups.some((g) => listed.has(g));
        if (deny ? inGroup : !inGroup) {
          kongError(ctx, 403, FORBIDDEN);
          return;
        }
        if (!conf.hide_groups_header) ctx.setUpstreamHeader('X-Consumer-Groups', groups.join(', '));
      },
    };
  },
};
