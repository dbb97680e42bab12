import { retryAt, sagaAction, sagaSchedule } from './place-order-saga';
import {
  at,
  awaitingPayment,
  chargeSucceeded,
  history,
  paid,
  place,
  reserve,
  startPayment,
} from './order.test-builders';

const leases = { reserveMs: 10_000, chargeMs: 30_000, commitMs: 5_000, compensateMs: 1_000 };
const now = at(1);

describe('place-order saga', () => {
  it('maps every step to what the worker does when it is due', () => {
    expect(
      (
        [
          'RESERVING_STOCK',
          'AWAITING_PAYMENT',
          'CHARGING',
          'COMMITTING',
          'COMPENSATING',
          'COMPLETED',
          'CLOSED',
        ] as const
      ).map(sagaAction),
    ).toEqual([
      'reserve-stock',
      'expire-reservation',
      'charge-payment',
      'commit-reservation',
      'compensate',
      'none',
      'none',
    ]);
  });

  it('leaves a reservation in progress to its request for the reserve lease', () => {
    expect(sagaSchedule(history([place]).state, now, leases)).toEqual({
      step: 'RESERVING_STOCK',
      deadline: null,
      nextAttemptAt: new Date(now.getTime() + 10_000),
    });
  });

  it('wakes an order awaiting payment at its reservation deadline', () => {
    const schedule = sagaSchedule(awaitingPayment(), now, leases);
    expect(schedule.deadline).toEqual(at(900));
    expect(schedule.nextAttemptAt).toEqual(at(900));
  });

  it('keeps the deadline while charging and resumes the charge after the charge lease', () => {
    const schedule = sagaSchedule(history([place, reserve, startPayment]).state, now, leases);
    expect(schedule).toEqual({
      step: 'CHARGING',
      deadline: at(900),
      nextAttemptAt: new Date(now.getTime() + 30_000),
    });
  });

  it('resumes a commit after the commit lease', () => {
    const committing = history([place, reserve, startPayment, chargeSucceeded]).state;
    expect(sagaSchedule(committing, now, leases).nextAttemptAt).toEqual(
      new Date(now.getTime() + 5_000),
    );
  });

  it('has nothing left to schedule once the order is paid', () => {
    expect(sagaSchedule(paid(), now, leases)).toEqual({
      step: 'COMPLETED',
      deadline: null,
      nextAttemptAt: null,
    });
  });

  it('backs off exponentially with equal jitter and a cap', () => {
    const backoff = { baseMs: 1_000, maxMs: 8_000 };
    const delay = (attempts: number, random: number) =>
      retryAt(attempts, now, backoff, () => random).getTime() - now.getTime();
    expect([delay(1, 0), delay(1, 0.999)]).toEqual([500, 1_000]);
    expect([delay(3, 0), delay(3, 0.999)]).toEqual([2_000, 3_998]);
    expect(delay(10, 0.999)).toBeLessThanOrEqual(8_000);
    expect(delay(10, 0)).toBe(4_000);
  });
});
