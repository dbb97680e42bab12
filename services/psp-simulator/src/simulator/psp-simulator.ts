/**
 * The simulator's whole state (services/psp-simulator): its books, the fault plan and the
 * counters the control API reports, so tests can prove how many calls the provider really saw.
 */
import { FaultPlan, seededRandom, type FaultRates } from './fault-plan';
import { Ledger } from './ledger';

export interface PspStats {
  chargeRequests: number;
  refundRequests: number;
  charges: number;
  refunds: number;
  abandonedRequests: number;
}

export interface PspSimulatorOptions extends FaultRates {
  /** Seed for latency jitter and random failures; default Math.random. */
  randomSeed?: number;
  now?: () => Date;
}

export class PspSimulator {
  readonly ledger: Ledger;
  readonly faults: FaultPlan;
  private counters = { chargeRequests: 0, refundRequests: 0, abandonedRequests: 0 };

  constructor(options: PspSimulatorOptions) {
    this.ledger = new Ledger(options.now);
    this.faults = new FaultPlan(
      options,
      options.randomSeed === undefined ? Math.random : seededRandom(options.randomSeed),
    );
  }

  /** Counts a charge or refund request as it arrives. */
  received(operation: 'charge' | 'refund'): void {
    if (operation === 'charge') this.counters.chargeRequests += 1;
    else this.counters.refundRequests += 1;
  }

  /** Counts a request whose client closed the connection before it was answered. */
  abandoned(): void {
    this.counters.abandonedRequests += 1;
  }

  stats(): PspStats {
    return {
      ...this.counters,
      charges: this.ledger.chargeCount,
      refunds: this.ledger.refundCount,
    };
  }

  reset(): void {
    this.ledger.reset();
    this.faults.clear();
    this.counters = { chargeRequests: 0, refundRequests: 0, abandonedRequests: 0 };
  }
}
