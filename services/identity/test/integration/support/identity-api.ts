/**
 * A thin fetch wrapper for calling the identity service in integration tests, plus the steps most
 * suites repeat (register, log in) and a check that an access token verifies with the service's
 * own published JWK Set.
 */
import { createLocalJWKSet, jwtVerify, type JWTPayload, type JWTHeaderParameters } from 'jose';

export interface ApiResponse<B = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: B;
}

export interface TokenPairBody {
  accessToken: string;
  refreshToken: string;
  tokenType: string;
  expiresIn: number;
  refreshExpiresIn: number;
}

export class IdentityApi {
  constructor(private readonly baseUrl: string) {}

  async call<B = Record<string, unknown>>(
    method: string,
    path: string,
    options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<B>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        Accept: 'application/json',
        ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text ? JSON.parse(text) : undefined) as B,
    };
  }

  register(email: string, password = 'correct-horse-battery-staple', displayName = 'Test User') {
    return this.call('POST', '/api/v1/auth/register', { body: { email, password, displayName } });
  }

  login(email: string, password = 'correct-horse-battery-staple') {
    return this.call<TokenPairBody>('POST', '/api/v1/auth/login', { body: { email, password } });
  }

  refresh(refreshToken: string) {
    return this.call<TokenPairBody & { code?: string }>('POST', '/api/v1/auth/refresh', {
      body: { refreshToken },
    });
  }

  /** Registers and logs in; returns the user id and the first token pair. */
  async signUp(email: string, password = 'correct-horse-battery-staple') {
    const registered = await this.register(email, password);
    if (registered.status !== 201) throw new Error(`register ${email}: ${registered.status}`);
    const login = await this.login(email, password);
    if (login.status !== 200) throw new Error(`login ${email}: ${login.status}`);
    return { userId: registered.body['id'] as string, tokens: login.body };
  }

  /** Verifies `token` with the JWK Set the service publishes. */
  async verify(
    token: string,
  ): Promise<{ payload: JWTPayload & { roles?: string[] }; protectedHeader: JWTHeaderParameters }> {
    const jwks = await this.call<{ keys: object[] }>('GET', '/api/v1/auth/jwks');
    const keySet = createLocalJWKSet(jwks.body as Parameters<typeof createLocalJWKSet>[0]);
    return jwtVerify(token, keySet, { issuer: 'bazaar-identity', algorithms: ['RS256'] });
  }
}
