/**
 * The simulator's in-memory books (services/psp-simulator): charges, refunds and the answers
 * stored per idempotency key, so a retried call returns the first answer and moves no money twice,
 * while the same key with other parameters is refused.
 */
import { randomBytes } from 'node:crypto';
import type { DeclineCode } from './card-tokens';

export interface ChargeRecord {
  id: string;
  status: 'approved' | 'declined';
  amount: number;
  currency: string;
  amountRefunded: number;
  declineCode: DeclineCode | null;
  createdAt: string;
}

export interface RefundRecord {
  id: string;
  chargeId: string;
  amount: number;
  currency: string;
  status: 'succeeded';
  createdAt: string;
}

export type ErrorType = 'not_found' | 'refund_error' | 'idempotency_error';

/** An answer as the HTTP layer sends it: a status and a body. */
export type LedgerAnswer<Body> =
  | { status: 200 | 201 | 402; body: Body }
  | { status: 404 | 409 | 422; body: { error: { type: ErrorType; message: string } } };

export interface ChargeInput {
  amount: number;
  currency: string;
  token: string;
  idempotencyKey: string;
}

export interface RefundInput {
  chargeId: string;
  amount: number;
  idempotencyKey: string;
}

interface StoredAnswer {
  fingerprint: string;
  answer: LedgerAnswer<unknown>;
}

function newId(prefix: 'ch' | 're'): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

function error(status: 404 | 409 | 422, type: ErrorType, message: string): LedgerAnswer<never> {
  return { status, body: { error: { type, message } } };
}

export class Ledger {
  private readonly charges = new Map<string, ChargeRecord>();
  private readonly refunds = new Map<string, RefundRecord>();
  private readonly chargeKeys = new Map<string, StoredAnswer>();
  private readonly refundKeys = new Map<string, StoredAnswer>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  get chargeCount(): number {
    return this.charges.size;
  }

  get refundCount(): number {
    return this.refunds.size;
  }

  /**
   * Records a charge with the outcome `decision` (from the token), or returns the answer stored
   * under the same idempotency key.
   */
  charge(
    input: ChargeInput,
    decision: { approved: true } | { approved: false; declineCode: DeclineCode },
  ): LedgerAnswer<ChargeRecord> {
    const fingerprint = JSON.stringify([input.amount, input.currency, input.token]);
    return this.once(this.chargeKeys, input.idempotencyKey, fingerprint, () => {
      const charge: ChargeRecord = {
        id: newId('ch'),
        status: decision.approved ? 'approved' : 'declined',
        amount: input.amount,
        currency: input.currency,
        amountRefunded: 0,
        declineCode: decision.approved ? null : decision.declineCode,
        createdAt: this.now().toISOString(),
      };
      this.charges.set(charge.id, charge);
      return { status: decision.approved ? 201 : 402, body: { ...charge } };
    });
  }

  /** The charge as it is now, or undefined. */
  getCharge(chargeId: string): ChargeRecord | undefined {
    const charge = this.charges.get(chargeId);
    return charge ? { ...charge } : undefined;
  }

  /** Refunds part of an approved charge, or returns the answer stored under the same key. */
  refund(input: RefundInput): LedgerAnswer<RefundRecord> {
    const fingerprint = JSON.stringify([input.chargeId, input.amount]);
    return this.once(
      this.refundKeys,
      input.idempotencyKey,
      fingerprint,
      (): LedgerAnswer<RefundRecord> => {
        const charge = this.charges.get(input.chargeId);
        if (!charge) return error(404, 'not_found', `no charge ${input.chargeId}`);
        if (charge.status !== 'approved')
          return error(409, 'refund_error', `charge ${charge.id} was declined`);
        const left = charge.amount - charge.amountRefunded;
        if (input.amount > left)
          return error(422, 'refund_error', `only ${left} is left to refund on ${charge.id}`);
        const refund: RefundRecord = {
          id: newId('re'),
          chargeId: charge.id,
          amount: input.amount,
          currency: charge.currency,
          status: 'succeeded',
          createdAt: this.now().toISOString(),
        };
        charge.amountRefunded += input.amount;
        this.refunds.set(refund.id, refund);
        return { status: 201, body: { ...refund } };
      },
    );
  }

  reset(): void {
    this.charges.clear();
    this.refunds.clear();
    this.chargeKeys.clear();
    this.refundKeys.clear();
  }

  private once<Body>(
    keys: Map<string, StoredAnswer>,
    key: string,
    fingerprint: string,
    decide: () => LedgerAnswer<Body>,
  ): LedgerAnswer<Body> {
    const stored = keys.get(key);
    if (stored) {
      if (stored.fingerprint !== fingerprint)
        return error(
          422,
          'idempotency_error',
          `idempotency key ${key} was already used with other parameters`,
        );
      return stored.answer as LedgerAnswer<Body>;
    }
    const answer = decide();
    keys.set(key, { fingerprint, answer });
    return answer;
  }
}
