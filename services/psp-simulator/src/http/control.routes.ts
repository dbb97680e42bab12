/**
 * The simulator's control API (services/psp-simulator/openapi.yaml, `/_simulator/*`): queue
 * faults for the next calls, read the counters, reset everything. Tests and chaos drills use it
 * against a running simulator; in-process tests can also use the PspSimulator object directly.
 */
import { Router, type Request, type Response } from 'express';
import type { QueuedFaults } from '../simulator/fault-plan';
import type { PspSimulator } from '../simulator/psp-simulator';

export function controlRoutes(simulator: PspSimulator): Router {
  const router = Router();
  router.post('/_simulator/faults', (req: Request, res: Response) => {
    const body = req.body as Partial<QueuedFaults> & Pick<QueuedFaults, 'kind' | 'count'>;
    simulator.faults.inject({
      kind: body.kind,
      count: body.count,
      operation: body.operation ?? 'any',
      status: body.status ?? 503,
    });
    res.status(204).end();
  });
  router.delete('/_simulator/faults', (_req: Request, res: Response) => {
    simulator.faults.clear();
    res.status(204).end();
  });
  router.get('/_simulator/stats', (_req: Request, res: Response) => {
    res.status(200).json(simulator.stats());
  });
  router.post('/_simulator/reset', (_req: Request, res: Response) => {
    simulator.reset();
    res.status(204).end();
  });
  return router;
}
