/**
 * Identity's error catalog (services/identity/src/errors.ts): every IDENTITY_ERR_* code of
 * contracts/openapi/identity.yaml with its status and title, rendered as RFC 9457 problems whose
 * `type` is the contract's problem URI (the code without IDENTITY_ERR_, kebab-cased).
 */
import { defineErrors } from '@bazaar/platform/errors/index';

export const identityErrors = defineErrors({
  IDENTITY_ERR_EMAIL_TAKEN: { status: 409, title: 'Email address already registered' },
  IDENTITY_ERR_INVALID_CREDENTIALS: { status: 401, title: 'Invalid email or password' },
  IDENTITY_ERR_INVALID_REFRESH_TOKEN: { status: 401, title: 'Invalid refresh token' },
  IDENTITY_ERR_REFRESH_TOKEN_REUSED: { status: 401, title: 'Refresh token already used' },
  IDENTITY_ERR_USER_NOT_FOUND: { status: 404, title: 'User not found' },
  IDENTITY_ERR_LAST_ADMIN: { status: 409, title: 'Cannot remove the last admin' },
  IDENTITY_ERR_INVALID_CLIENT: { status: 401, title: 'Invalid client credentials' },
});

export type IdentityErrorCode = keyof typeof identityErrors.entries;
