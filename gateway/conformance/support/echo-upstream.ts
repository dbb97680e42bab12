/**
 * A real upstream for the conformance suite: an HTTP server on an ephemeral port that answers
 * every request with JSON describing exactly what it received (method, raw target, raw headers,
 * body), plus special paths for status codes, delays, SSE and WebSocket echo.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

export interface EchoedRequest {
  method: string;
  url: string;
  httpVersion: string;
  /** Raw header pairs as received, in order. */
  rawHeaders: [string, string][];
  /** Lower-cased name → values joined with ', ' (node's view). */
  headers: Record<string, string>;
  body: string;
}

export interface EchoUpstream {
  host: string;
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Every request received, in order. */
  received: EchoedRequest[];
  close(): Promise<void>;
}

function describe(req: IncomingMessage, body: Buffer): EchoedRequest {
  const rawHeaders: [string, string][] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    rawHeaders.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    headers[k] = Array.isArray(v) ? v.join(', ') : String(v);
  return {
    method: req.method ?? '',
    url: req.url ?? '',
    httpVersion: req.httpVersion,
    rawHeaders,
    headers,
    body: body.toString('utf8'),
  };
}

/**
 * Special targets: `/status/<code>` answers that status; `/delay/<ms>` waits first;
 * `/sse/<n>` streams n events 50 ms apart; `/headers?name=value` sets response headers.
 */
export async function startEchoUpstream(host = '127.0.0.1'): Promise<EchoUpstream> {
  const received: EchoedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const echoed = describe(req, Buffer.concat(chunks));
      received.push(echoed);
      const path = (req.url ?? '/').split('?', 1)[0]!;
      const sse = /\/sse\/(\d+)$/.exec(path);
      if (sse) {
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
        let n = 0;
        const total = Number(sse[1]);
        const timer = setInterval(() => {
          n += 1;
          res.write(`id: ${n}\ndata: event ${n}\n\n`);
          if (n >= total) {
            clearInterval(timer);
            res.end();
          }
        }, 50);
        res.on('close', () => clearInterval(timer));
        return;
      }
      const delay = /\/delay\/(\d+)/.exec(path);
      const status = /\/status\/(\d{3})/.exec(path);
      const extra: Record<string, string> = {};
      if (/\/headers$/.test(path)) {
        for (const [k, v] of new URLSearchParams((req.url ?? '').split('?')[1] ?? '')) extra[k] = v;
      }
      const send = (): void => {
        if (res.destroyed) return;
        const body = JSON.stringify(echoed);
        res.writeHead(status ? Number(status[1]) : 200, {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          ...extra,
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      };
      if (delay) setTimeout(send, Number(delay[1]));
      else send();
    });
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket, req) => {
    received.push(describe(req, Buffer.alloc(0)));
    socket.on('message', (data, isBinary) =>
      socket.send(isBinary ? data : `echo: ${data.toString()}`),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host,
    port,
    url: `http://${host}:${port}`,
    received,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
