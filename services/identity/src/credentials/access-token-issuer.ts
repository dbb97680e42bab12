/**
 * Signs Bazaar access tokens (services/identity/src/credentials): RS256 JWTs with `kid` in the
 * header and the claims of the contract's bearerAuth scheme (iss, sub, roles, iat, exp, jti), the
 * same for user and service tokens so one verification applies to both.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SigningKey } from './signing-key';

export interface AccessTokenIssuerOptions {
  key: SigningKey;
  /** `iss`: the key of the gateway consumer's jwt credential (bazaar-identity). */
  issuer: string;
  now: () => Date;
}

export interface IssuedAccessToken {
  token: string;
  /** Seconds until it expires. */
  expiresIn: number;
  jti: string;
}

export class AccessTokenIssuer {
  constructor(private readonly options: AccessTokenIssuerOptions) {}

  /** A token for `subject` holding `roles`, valid for `lifetimeSeconds` from now. */
  async issue(
    subject: string,
    roles: readonly string[],
    lifetimeSeconds: number,
  ): Promise<IssuedAccessToken> {
    const issuedAt = Math.floor(this.options.now().getTime() / 1000);
    const jti = randomUUID();
    const token = await new SignJWT({ roles: [...roles] })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.options.key.kid })
      .setIssuer(this.options.issuer)
      .setSubject(subject)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + lifetimeSeconds)
      .setJti(jti)
      .sign(this.options.key.privateKey);
    return { token, expiresIn: lifetimeSeconds, jti };
  }
}
