/**
 * key-auth (PRIORITY 1250, kong-gateway.md A6.3): the first key name found in a header, then the
 * query string, is looked up among keyauth_credentials; failures are Kong's negotiated 401 bodies
 * with `WWW-Authenticate: Key`, or the `anonymous` consumer.
 */
import { kongError } from '../../proxy/kong-response';
import type { RequestContext } from '../../proxy/request-context';
import { anonymousConsumerError, authenticate } from '../consumer-headers';
import type { PluginHandler } from '../plugin';
import { type KeyAuthConfig, keyAuthSchema } from './schema';

/** Removes one argument from the raw query string, keeping the others verbatim. */
function withoutQueryArg(query: string, name: string): string {
  return query
    .split('&')
    .filter((part) => {
      const key = part.split('=', 1)[0]!;
      try {
        return decodeURIComponent(key.replace(/\+/g, ' ')) !== name;
      } catch {
        return key !== name;
      }
    })
    .join('&');
}

export const keyAuthPlugin: PluginHandler = {
  name: 'key-auth',
  priority: 1250,
  schema: keyAuthSchema,
  create(instance, env) {
    const conf = instance.config as unknown as KeyAuthConfig;
    const www = conf.realm === undefined ? 'Key' : `Key realm="${conf.realm}"`;

    /** Returns an error message, or undefined once the consumer is authenticated. */
    function authenticateRequest(ctx: RequestContext): string | undefined {
      let key: string | undefined;
      for (const name of conf.key_names) {
        let value: string | true | (string | true)[] | undefined;
        if (conf.key_in_header) {
          const values = ctx.headerValues(name.toLowerCase().replace(/_/g, '-'));
          value = values.length > 1 ? values : values[0];
        }
        if (value === undefined && conf.key_in_query) value = ctx.queryArg(name);
        if (typeof value === 'string') {
          key = value;
          if (conf.hide_credentials) {
            ctx.clearUpstreamHeader(name);
            if (ctx.query !== undefined)
              ctx.upstreamQuery = withoutQueryArg(ctx.upstreamQuery ?? ctx.query, name);
          }
          break;
        }
        if (Array.isArray(value)) return 'Duplicate API key found';
      }
      if (!key) return 'No API key found in request';
      const credential = env.credentials.keyAuthCredential(key);
      if (!credential) return 'Unauthorized';
      const consumer = env.credentials.consumerById(credential.consumerId);
      authenticate(ctx, consumer, { id: credential.id }, credential.id);
      return undefined;
    }

    return {
      access(ctx) {
        if (!conf.run_on_preflight && ctx.method === 'OPTIONS') return;
        if (conf.anonymous !== undefined) {
          if (ctx.credential) return;
          if (authenticateRequest(ctx) === undefined) return;
          const anonymous = env.credentials.consumerByIdOrUsername(conf.anonymous);
          if (!anonymous) kongError(ctx, 500, anonymousConsumerError(conf.anonymous));
          else authenticate(ctx, anonymous, undefined, undefined);
          return;
        }
        const error = authenticateRequest(ctx);
        if (error) kongError(ctx, 401, error, [['WWW-Authenticate', www]]);
      },
    };
  },
};
