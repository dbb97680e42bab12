/**
 * The proxy listener: a node:http server wired to the request pipeline, plus what nginx does at
 * the connection level — `Expect: 100-continue` deferred until the body is read, WebSocket
 * upgrades routed through the same pipeline, malformed requests answered with Kong's 400 page.
 */
import { createServer, type IncomingMessage, type Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { defaultErrorMessage, renderErrorBody } from './error-body';
import type { GatewayRuntime } from './gateway-runtime';
import { createRequestHandler } from './handle-request';
import { newRequestId } from './request-id';
import { SERVER_TOKEN } from '../kong-version';
import { countRequest, trackConnection } from './connection-info';

function badRequest(socket: Socket, err: NodeJS.ErrnoException): void {
  if (!socket.writable) return;
  // nginx maps an oversized header to 494, which Kong's error handler answers as 400.
  const message =
    err.code === 'HPE_HEADER_OVERFLOW' ? defaultErrorMessage(494) : defaultErrorMessage(400);
  const body = renderErrorBody('text/plain; charset=utf-8', message, newRequestId());
  socket.end(
    `HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Server: ${SERVER_TOKEN}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export function createGatewayServer(gw: GatewayRuntime): Server {
  const handle = createRequestHandler(gw);
  // requireHostHeader off: the pipeline answers a missing Host with Kong's 400 page itself.
  const server = createServer({
    keepAliveTimeout: 60_000,
    headersTimeout: 60_000,
    requestTimeout: 0,
    requireHostHeader: false,
  });
  server.on('connection', (socket: Socket) => {
    trackConnection(socket);
    gw.metrics.connectionOpened();
    socket.once('close', () => gw.metrics.connectionClosed());
  });
  const count = (req: IncomingMessage): void => countRequest(req.socket);
  server.on('request', (req, res) => {
    count(req);
    handle(req, res);
  });
  server.on('checkContinue', (req, res) => {
    count(req);
    handle(req, res, { expectContinue: true });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    count(req);
    const res = new ServerResponse(req);
    res.assignSocket(socket);
    res.shouldKeepAlive = false;
    res.once('finish', () => socket.end());
    const websocket = (req.headers.upgrade ?? '').toLowerCase() === 'websocket';
    // Kong only upgrades WebSocket; other Upgrade requests are proxied as plain requests.
    handle(req, res, websocket ? { upgrade: { socket, head } } : {});
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => badRequest(socket, err));
  return server;
}
