/**
 * WebSocket pass-through (kong-gateway.md A2.6): after routing and the access phase, the upgrade
 * goes upstream with `Connection: keep-alive, Upgrade` / `Upgrade: websocket`; a 101 answer is
 * relayed with Kong's response headers and both sockets are piped until either side closes or
 * stays idle longer than the service's read_timeout (nginx proxy_read_timeout). A non-101 answer
 * is streamed back like any response.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import type { Service } from '../declarative-config/model';
import { defaultErrorMessage, errorHandlerType, renderErrorBody } from './error-body';
import { addKongHeaders, runHeaderFilters, sendKongResponse } from './finish-response';
import type { RequestContext } from './request-context';
import { ResponseHeaders } from './response-headers';

const DROPPED = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'proxy-connection',
  'upgrade',
]);

function relayHeaders(raw: string[]): ResponseHeaders {
  const headers = new ResponseHeaders();
  for (let i = 0; i < raw.length; i += 2) {
    const lower = raw[i]!.toLowerCase();
    if (!DROPPED.has(lower) && !lower.startsWith('x-accel-')) headers.add(raw[i]!, raw[i + 1]!);
  }
  return headers;
}

function fail(ctx: RequestContext, status: 502 | 504): void {
  const type = errorHandlerType(ctx.header('accept'), ctx.header('content-type'));
  ctx.responseSource = 'error';
  ctx.exit = {
    status,
    headers: [['Content-Type', type]],
    body: renderErrorBody(type, defaultErrorMessage(status), ctx.requestId),
  };
  sendKongResponse(ctx);
}

function pipeSockets(client: Socket, upstream: Socket, idleMs: number): void {
  const close = (): void => {
    client.destroy();
    upstream.destroy();
  };
  for (const s of [client, upstream]) {
    s.setTimeout(idleMs, close);
    s.on('error', close);
    s.on('close', close);
  }
  client.pipe(upstream);
  upstream.pipe(client);
}

export function proxyWebSocket(
  ctx: RequestContext,
  service: Service,
  path: string,
  headers: string[],
  clientSocket: Socket,
  clientHead: Buffer,
  onDone: () => void,
): void {
  const request = service.protocol === 'https' ? httpsRequest : httpRequest;
  ctx.upstreamStartedAt = performance.now();
  const upstreamReq = request({
    host: service.host,
    port: service.port,
    method: ctx.method,
    path,
    headers,
    agent: false,
    timeout: service.connect_timeout,
    rejectUnauthorized: false,
  });
  let settled = false;
  const settle = (): void => {
    if (!settled) {
      settled = true;
      onDone();
    }
  };
  upstreamReq.on('timeout', () =>
    upstreamReq.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
  );
  upstreamReq.on('error', (err: NodeJS.ErrnoException) => {
    if (!ctx.res.headersSent) fail(ctx, err.code === 'ETIMEDOUT' ? 504 : 502);
    settle();
  });
  upstreamReq.on(
    'upgrade',
    (res: IncomingMessage, upstreamSocket: Socket, upstreamHead: Buffer) => {
      ctx.upstreamHeadersAt = performance.now();
      ctx.status = 101;
      ctx.responseSource = 'service';
      const out = relayHeaders(res.rawHeaders);
      runHeaderFilters(ctx, out);
      addKongHeaders(ctx, out);
      out.set('Upgrade', res.headers.upgrade ?? 'websocket');
      out.set('Connection', 'upgrade');
      const lines = ['HTTP/1.1 101 Switching Protocols'];
      const list = out.flat();
      for (let i = 0; i < list.length; i += 2) lines.push(`${list[i]}: ${list[i + 1]}`);
      clientSocket.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (upstreamHead.length) clientSocket.write(upstreamHead);
      if (clientHead.length) upstreamSocket.write(clientHead);
      pipeSockets(clientSocket, upstreamSocket, service.read_timeout);
      settle();
    },
  );
  upstreamReq.on('response', (res: IncomingMessage) => {
    ctx.upstreamHeadersAt = performance.now();
    ctx.status = res.statusCode ?? 502;
    ctx.responseSource = 'service';
    const out = relayHeaders(res.rawHeaders);
    runHeaderFilters(ctx, out);
    addKongHeaders(ctx, out);
    ctx.res.writeHead(ctx.status, out.flat());
    res.pipe(ctx.res);
    res.on('end', settle);
    res.on('error', settle);
  });
  upstreamReq.end();
}
