/**
 * The plugins this gateway implements, by Kong name. A `kong.yml` naming any other plugin is
 * refused at load with Kong's "plugin '<name>' not enabled" message.
 */
import { aclPlugin } from './acl/handler';
import { correlationIdPlugin } from './correlation-id/handler';
import { corsPlugin } from './cors/handler';
import { jwtPlugin } from './jwt/handler';
import { keyAuthPlugin } from './key-auth/handler';
import type { PluginHandler } from './plugin';
import { prometheusPlugin } from './prometheus/handler';
import { rateLimitingPlugin } from './rate-limiting/handler';
import { requestSizeLimitingPlugin } from './request-size-limiting/handler';

export const PLUGINS: Readonly<Record<string, PluginHandler>> = Object.freeze(
  Object.fromEntries(
    [
      correlationIdPlugin,
      corsPlugin,
      jwtPlugin,
      keyAuthPlugin,
      requestSizeLimitingPlugin,
      aclPlugin,
      rateLimitingPlugin,
      prometheusPlugin,
    ].map((p) => [p.name, p]),
  ),
);
