import { Ledger, type ChargeRecord } from './ledger';

const approved = { approved: true } as const;
const declined = { approved: false, declineCode: 'card_declined' } as const;

function chargeOf(ledger: Ledger, key: string, amount = 1000): ChargeRecord {
  const answer = ledger.charge(
    { amount, currency: 'USD', token: 'tok_visa', idempotencyKey: key },
    approved,
  );
  if (answer.status !== 201) throw new Error(`expected an approved charge, got ${answer.status}`);
  return answer.body;
}

describe('ledger charges', () => {
  it('records an approved charge and answers 201', () => {
    const ledger = new Ledger();
    const charge = chargeOf(ledger, 'k1');
    expect(charge).toMatchObject({
      status: 'approved',
      amount: 1000,
      currency: 'USD',
      declineCode: null,
    });
    expect(ledger.chargeCount).toBe(1);
  });

  it('records a declined charge and answers 402 with its decline code', () => {
    const ledger = new Ledger();
    const answer = ledger.charge(
      { amount: 500, currency: 'EUR', token: 'tok_chargeDeclined', idempotencyKey: 'k2' },
      declined,
    );
    expect(answer.status).toBe(402);
    expect(answer.body).toMatchObject({ status: 'declined', declineCode: 'card_declined' });
  });

  it('returns the first answer for a repeated key and parameters without a second charge', () => {
    const ledger = new Ledger();
    const first = chargeOf(ledger, 'same');
    const second = chargeOf(ledger, 'same');
    expect(second.id).toBe(first.id);
    expect(ledger.chargeCount).toBe(1);
  });

  it('refuses a repeated key with other parameters with 422 idempotency_error', () => {
    const ledger = new Ledger();
    chargeOf(ledger, 'reused', 1000);
    const answer = ledger.charge(
      { amount: 2000, currency: 'USD', token: 'tok_visa', idempotencyKey: 'reused' },
      approved,
    );
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ error: { type: 'idempotency_error' } });
    expect(ledger.chargeCount).toBe(1);
  });
});

describe('ledger refunds', () => {
  it('refunds part of a charge and remembers how much was refunded', () => {
    const ledger = new Ledger();
    const charge = chargeOf(ledger, 'c');
    const answer = ledger.refund({ chargeId: charge.id, amount: 400, idempotencyKey: 'r1' });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ chargeId: charge.id, amount: 400, currency: 'USD' });
    expect(ledger.getCharge(charge.id)?.amountRefunded).toBe(400);
  });

  it('refuses to refund more than what is left of the charge', () => {
    const ledger = new Ledger();
    const charge = chargeOf(ledger, 'c');
    ledger.refund({ chargeId: charge.id, amount: 700, idempotencyKey: 'r1' });
    const answer = ledger.refund({ chargeId: charge.id, amount: 301, idempotencyKey: 'r2' });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ error: { type: 'refund_error' } });
  });

  it('refuses to refund a declined charge with 409', () => {
    const ledger = new Ledger();
    const declinedCharge = ledger.charge(
      { amount: 500, currency: 'USD', token: 'tok_chargeDeclined', idempotencyKey: 'd' },
      declined,
    );
    const chargeId = (declinedCharge.body as ChargeRecord).id;
    expect(ledger.refund({ chargeId, amount: 1, idempotencyKey: 'r' }).status).toBe(409);
  });

  it('answers 404 for an unknown charge', () => {
    expect(
      new Ledger().refund({ chargeId: 'ch_nope', amount: 1, idempotencyKey: 'r' }).status,
    ).toBe(404);
  });

  it('refunds once per idempotency key', () => {
    const ledger = new Ledger();
    const charge = chargeOf(ledger, 'c');
    const first = ledger.refund({ chargeId: charge.id, amount: 100, idempotencyKey: 'r' });
    const second = ledger.refund({ chargeId: charge.id, amount: 100, idempotencyKey: 'r' });
    expect(second).toEqual(first);
    expect(ledger.refundCount).toBe(1);
    expect(ledger.getCharge(charge.id)?.amountRefunded).toBe(100);
  });

  it('forgets everything on reset', () => {
    const ledger = new Ledger();
    const charge = chargeOf(ledger, 'c');
    ledger.reset();
    expect(ledger.getCharge(charge.id)).toBeUndefined();
    expect(ledger.chargeCount).toBe(0);
  });
});
