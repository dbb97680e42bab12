/**
 * The fixed behaviour of the simulator's test card tokens (services/psp-simulator), as the
 * contracts document them (contracts/openapi/_shared/common.yaml PaymentMethod): one token always
 * approves, one always declines, one never answers, and anything else is an invalid token.
 */

export type DeclineCode = 'card_declined' | 'invalid_token';

export type TokenBehaviour =
  { kind: 'approve' } | { kind: 'decline'; declineCode: DeclineCode } | { kind: 'hang' };

export const TEST_TOKENS = {
  visa: 'tok_visa',
  chargeDeclined: 'tok_chargeDeclined',
  timeout: 'tok_timeout',
} as const;

/** What charging `token` does. */
export function tokenBehaviour(token: string): TokenBehaviour {
  switch (token) {
    case TEST_TOKENS.visa:
      return { kind: 'approve' };
    case TEST_TOKENS.chargeDeclined:
      return { kind: 'decline', declineCode: 'card_declined' };
    case TEST_TOKENS.timeout:
      return { kind: 'hang' };
    default:
      return { kind: 'decline', declineCode: 'invalid_token' };
  }
}
