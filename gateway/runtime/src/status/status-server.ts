/**
 * Kong's Status API subset (KONG_STATUS_LISTEN): `GET /metrics` (the prometheus plugin's
 * exposition) and `GET /status` (server counters, DB-less datastore always reachable).
 */
import { createServer, type Server } from 'node:http';
import type { GatewayMetrics } from './gateway-metrics';

export function createStatusServer(metrics: GatewayMetrics): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0];
    if (req.method === 'GET' && path === '/metrics') {
      metrics.exposition().then(
        (text) => {
          res.writeHead(200, { 'Content-Type': 'text/plain; charset=UTF-8' });
          res.end(text);
        },
        () => {
          res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
          res.end('{"message":"An unexpected error occurred"}');
        },
      );
      return;
    }
    if (req.method === 'GET' && path === '/status') {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ database: { reachable: true }, server: metrics.serverCounters() }));
      return;
    }
    res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end('{"message":"Not found"}');
  });
}
