import { tokenBehaviour } from './card-tokens';

describe('test card tokens', () => {
  it('approves tok_visa', () => {
    expect(tokenBehaviour('tok_visa')).toEqual({ kind: 'approve' });
  });

  it('declines tok_chargeDeclined with card_declined', () => {
    expect(tokenBehaviour('tok_chargeDeclined')).toEqual({
      kind: 'decline',
      declineCode: 'card_declined',
    });
  });

  it('never answers for tok_timeout', () => {
    expect(tokenBehaviour('tok_timeout')).toEqual({ kind: 'hang' });
  });

  it('declines any other token as invalid_token', () => {
    expect(tokenBehaviour('tok_mastercard')).toEqual({
      kind: 'decline',
      declineCode: 'invalid_token',
    });
  });
});
