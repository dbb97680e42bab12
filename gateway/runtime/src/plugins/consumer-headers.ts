/**
 * What an auth plugin does on success or anonymous fallback (kong.client.authenticate plus the
 * handlers' `set_consumer`, kong-gateway.md A3.4/A6.3): remember consumer and credential, and set
 * or clear the X-Consumer-* / X-Credential-Identifier / X-Anonymous-Consumer upstream headers.
 */
import type { Consumer } from '../declarative-config/model';
import type { Credential, RequestContext } from '../proxy/request-context';

export function authenticate(
  ctx: RequestContext,
  consumer: Consumer | undefined,
  credential: Credential | undefined,
  identifier: string | undefined,
): void {
  ctx.consumer = consumer;
  ctx.credential = credential;
  setOrClear(ctx, 'X-Consumer-ID', consumer?.id);
  setOrClear(ctx, 'X-Consumer-Custom-ID', consumer?.custom_id);
  setOrClear(ctx, 'X-Consumer-Username', consumer?.username);
  setOrClear(ctx, 'X-Credential-Identifier', identifier);
  if (credential) ctx.clearUpstreamHeader('X-Anonymous-Consumer');
  else ctx.setUpstreamHeader('X-Anonymous-Consumer', 'true');
}

function setOrClear(ctx: RequestContext, name: string, value: string | undefined): void {
  if (value === undefined) ctx.clearUpstreamHeader(name);
  else ctx.setUpstreamHeader(name, value);
}

/** `anonymous` consumer by id or username; 500 with Kong's message when it does not exist. */
export function anonymousConsumerError(value: string): string {
  return `anonymous consumer ${value} is configured but doesn't exist`;
}
