/**
 * The provider API of the simulator (services/psp-simulator/openapi.yaml): charges and refunds,
 * each going through the fault plan and the simulated latency before the books decide the
 * answer; requests arrive already validated against the document.
 */
import { Router, type Request, type Response } from 'express';
import { tokenBehaviour } from '../simulator/card-tokens';
import type { Fault, Operation } from '../simulator/fault-plan';
import type { ChargeInput, RefundInput } from '../simulator/ledger';
import type { PspSimulator } from '../simulator/psp-simulator';
import { delay, holdWithoutAnswer } from './hold-connection';

export interface ProviderRoutesOptions {
  simulator: PspSimulator;
  hangMs: number;
}

export function providerRoutes({ simulator, hangMs }: ProviderRoutesOptions): Router {
  const router = Router();

  /** Counts the call and an abandoned connection; answers a fault; returns whether to go on. */
  async function beforeProcessing(
    operation: Operation,
    res: Response,
  ): Promise<{ proceed: boolean; fault: Fault | undefined }> {
    simulator.received(operation);
    res.once('close', () => {
      if (!res.writableFinished) simulator.abandoned();
    });
    const fault = simulator.faults.next(operation);
    if (fault?.kind === 'error') {
      res.status(fault.status).json({
        error: { type: 'api_error', message: 'simulated provider outage; nothing was recorded' },
      });
      return { proceed: false, fault };
    }
    if (fault?.kind === 'timeout') {
      await holdWithoutAnswer(res, hangMs);
      return { proceed: false, fault };
    }
    // A real provider keeps processing when its client gives up, so the latency is not cut short.
    await delay(simulator.faults.latencyMs());
    return { proceed: true, fault };
  }

  async function answer(
    res: Response,
    fault: Fault | undefined,
    status: number,
    body: unknown,
  ): Promise<void> {
    if (fault?.kind === 'lost-response') {
      await holdWithoutAnswer(res, hangMs);
      return;
    }
    if (!res.closed) res.status(status).json(body);
  }

  router.post('/v1/charges', async (req: Request, res: Response) => {
    const { proceed, fault } = await beforeProcessing('charge', res);
    if (!proceed) return;
    const input = req.body as ChargeInput;
    const behaviour = tokenBehaviour(input.token);
    if (behaviour.kind === 'hang') {
      await holdWithoutAnswer(res, hangMs);
      return;
    }
    const result = simulator.ledger.charge(
      input,
      behaviour.kind === 'approve'
        ? { approved: true }
        : { approved: false, declineCode: behaviour.declineCode },
    );
    await answer(res, fault, result.status, result.body);
  });

  router.get('/v1/charges/:chargeId', (req: Request, res: Response) => {
    const charge = simulator.ledger.getCharge(String(req.params['chargeId']));
    if (!charge) {
      res.status(404).json({ error: { type: 'not_found', message: 'no such charge' } });
      return;
    }
    res.status(200).json(charge);
  });

  router.post('/v1/refunds', async (req: Request, res: Response) => {
    const { proceed, fault } = await beforeProcessing('refund', res);
    if (!proceed) return;
    const result = simulator.ledger.refund(req.body as RefundInput);
    await answer(res, fault, result.status, result.body);
  });

  return router;
}
