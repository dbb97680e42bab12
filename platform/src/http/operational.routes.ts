/**
 * The operational endpoints of every service (platform/src/http), outside the contract and not
 * routed by the gateway: GET /health/live, GET /health/ready and GET /metrics (Prometheus).
 */
import { Router, type Request, type Response } from 'express';
import { type Registry } from '../telemetry/metrics';
import { type Readiness } from './readiness';

export const LIVENESS_PATH = '/health/live';
export const READINESS_PATH = '/health/ready';
export const METRICS_PATH = '/metrics';

export function operationalRoutes(readiness: Readiness, registry: Registry): Router {
  const router = Router();
  // Liveness answers 200 as long as the event loop runs: restarting a process because its
  // database is down would not fix the database (that is what readiness is for).
  router.get(LIVENESS_PATH, function liveness(_req: Request, res: Response) {
    res.set('Cache-Control', 'no-store').json({ status: 'up' });
  });
  router.get(READINESS_PATH, async function readinessProbe(_req: Request, res: Response) {
    const report = await readiness.evaluate();
    res
      .status(report.status === 'ready' ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json(report);
  });
  router.get(METRICS_PATH, async function metrics(_req: Request, res: Response) {
    res.set('Content-Type', registry.contentType).send(await registry.metrics());
  });
  return router;
}
