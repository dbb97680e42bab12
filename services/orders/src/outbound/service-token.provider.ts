/**
 * The service token orders presents to payment (role `service`): fetched from identity's
 * issueServiceToken with orders' client credentials through the generated identity client, cached,
 * and renewed shortly before it expires (tokens live 15 minutes). Concurrent callers share one
 * request; `invalidate()` forces the next call to fetch a new token (after a 401).
 */
import { createIdentityClient, type IdentityClient } from '@bazaar/generated/http/identity/client';
import { currentCorrelationId, currentTraceparent } from '@bazaar/platform/telemetry/index';

export interface ServiceTokenProviderOptions {
  identityBaseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Renew when less than this is left, s. Default 60. */
  renewBeforeSeconds?: number;
  timeoutMs?: number;
  now?: () => number;
}

export class ServiceTokenProvider {
  private readonly identity: IdentityClient;
  private cached: { token: string; renewAt: number } | undefined;
  private inFlight: Promise<string> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: ServiceTokenProviderOptions) {
    this.identity = createIdentityClient({
      baseUrl: options.identityBaseUrl,
      correlationId: currentCorrelationId,
      traceparent: currentTraceparent,
      timeoutMs: options.timeoutMs ?? 3_000,
    });
    this.now = options.now ?? Date.now;
  }

  /** A token valid for at least `renewBeforeSeconds` more. */
  async token(): Promise<string> {
    if (this.cached && this.now() < this.cached.renewAt) return this.cached.token;
    this.inFlight ??= this.fetch().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  invalidate(): void {
    this.cached = undefined;
  }

  private async fetch(): Promise<string> {
    const issued = await this.identity.issueServiceToken({
      body: { clientId: this.options.clientId, clientSecret: this.options.clientSecret },
    });
    const renewBeforeMs = (this.options.renewBeforeSeconds ?? 60) * 1000;
    // Half the lifetime at least, so a short-lived token is not renewed on every call.
    const keepMs = Math.max(issued.expiresIn * 1000 - renewBeforeMs, (issued.expiresIn * 1000) / 2);
    this.cached = { token: issued.accessToken, renewAt: this.now() + keepMs };
    return issued.accessToken;
  }
}
