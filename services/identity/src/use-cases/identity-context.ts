/**
 * What identity's use cases run with (services/identity/src/use-cases): the database, the
 * credential tools, token lifetimes, metrics and a clock (injectable, so tests can move time).
 */
import type pg from 'pg';
import type { AccessTokenIssuer } from '../credentials/access-token-issuer';
import type { PasswordHasher } from '../credentials/password-hasher';
import type { ServiceClientDirectory } from '../credentials/service-client-credentials';
import type { SigningKey } from '../credentials/signing-key';
import type { IdentityMetrics } from '../identity.metrics';

export interface TokenLifetimes {
  /** Seconds. */
  accessToken: number;
  refreshToken: number;
  serviceToken: number;
}

export interface IdentityContext {
  pool: pg.Pool;
  hasher: PasswordHasher;
  signingKey: SigningKey;
  accessTokens: AccessTokenIssuer;
  serviceClients: ServiceClientDirectory;
  lifetimes: TokenLifetimes;
  metrics: IdentityMetrics;
  now: () => Date;
}

/** The contract's `TokenPair`. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshExpiresIn: number;
}
