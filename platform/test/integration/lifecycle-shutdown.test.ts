/**
 * Proves graceful shutdown on real sockets: once shutdown begins the instance reports not ready,
 * new connections are refused, requests in flight still complete with 200, idle keep-alive
 * connections are closed, and only then do the stoppers run, last registered first.
 */
import { Agent, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { createServiceApp } from '../../src/http/create-service-app';
import { ServiceLifecycle } from '../../src/lifecycle/service-lifecycle';
import { collectingLogger } from './http-test-support';

interface Gate {
  promise: Promise<void>;
  open(): void;
}

function gate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 300 && !condition(); i++)
    await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

function get(
  port: number,
  path: string,
  agent?: Agent,
): Promise<{ status: number; body: string; connection?: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, ...(agent ? { agent } : {}) },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

async function startService(options: { drainTimeoutMs: number }) {
  const release = gate();
  let arrived = 0;
  const events: string[] = [];
  const { logger } = collectingLogger('lifecycle');
  const { app, readiness } = createServiceApp({
    service: 'lifecycle',
    logger,
    mountApi: (router) => {
      router.get('/slow', async (_req, res) => {
        arrived++;
        await release.promise;
        res.json({ done: true });
        events.push('slow request answered');
      });
      router.get('/streaming', async (_req, res) => {
        arrived++;
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('first part;');
        await release.promise;
        res.end('last part');
      });
      router.get('/hang', () => {
        arrived++;
      });
      router.get('/fast', (_req, res) => void res.json({ ok: true }));
    },
  });
  const lifecycle = new ServiceLifecycle({
    logger,
    readiness,
    drainTimeoutMs: options.drainTimeoutMs,
  });
  const server: Server = await lifecycle.listen(app, { port: 0, host: '127.0.0.1' });
  lifecycle.addStopper('pg pool', () => void events.push('stop pg pool'));
  lifecycle.addStopper('event consumer', async () => {
    await new Promise((resolve) => setTimeout(resolve, 10));
    events.push('stop event consumer');
  });
  const { port } = server.address() as AddressInfo;
  return { lifecycle, readiness, port, release, events, arrivedCount: () => arrived };
}

describe('graceful shutdown', () => {
  it('finishes in-flight requests, refuses new connections, then runs stoppers in reverse order', async () => {
    const service = await startService({ drainTimeoutMs: 10_000 });
    const inFlight = [get(service.port, '/slow'), get(service.port, '/slow')];
    await waitFor(() => service.arrivedCount() === 2, 'both requests to reach the handler');

    const shutdown = service.lifecycle.shutdown('SIGTERM');
    expect(service.readiness.isShuttingDown).toBe(true);
    await waitFor(() => service.lifecycle.state === 'stopping', 'shutdown to begin');
    expect(await connectionRefused(service.port)).toBe(true);
    expect(service.events).toEqual([]);

    service.release.open();
    const responses = await Promise.all(inFlight);
    expect(responses.map((r) => [r.status, r.body])).toEqual([
      [200, '{"done":true}'],
      [200, '{"done":true}'],
    ]);
    await expect(shutdown).resolves.toEqual({
      clean: true,
      forcedConnections: 0,
      failedStoppers: [],
    });
    expect(service.events).toEqual([
      'slow request answered',
      'slow request answered',
      'stop event consumer',
      'stop pg pool',
    ]);
  });

  it('closes idle keep-alive connections at once and tells busy ones they close after the response', async () => {
    const service = await startService({ drainTimeoutMs: 10_000 });
    const agent = new Agent({ keepAlive: true, maxSockets: 2 });
    try {
      const busy = get(service.port, '/slow', agent);
      await waitFor(() => service.arrivedCount() === 1, 'the slow request to reach the handler');
      await get(service.port, '/fast', agent);
      const [idleSocket] = Object.values(agent.freeSockets).flat();
      expect(idleSocket).toBeDefined();
      const idleClosed = new Promise<void>((resolve) => idleSocket?.once('close', () => resolve()));

      const shutdown = service.lifecycle.shutdown('SIGTERM');
      await idleClosed; // before the slow request is released: idle connections do not wait for the drain
      service.release.open();
      expect(await busy).toMatchObject({ status: 200, connection: 'close' });
      await expect(shutdown).resolves.toMatchObject({ clean: true });
    } finally {
      agent.destroy();
    }
  });

  it('closes a kept-alive connection whose headers went out before shutdown once its response ends', async () => {
    const service = await startService({ drainTimeoutMs: 10_000 });
    const agent = new Agent({ keepAlive: true });
    try {
      const streaming = get(service.port, '/streaming', agent);
      await waitFor(
        () => service.arrivedCount() === 1,
        'the streaming request to reach the handler',
      );
      const shutdown = service.lifecycle.shutdown('SIGTERM');
      service.release.open();
      expect(await streaming).toMatchObject({ status: 200, body: 'first part;last part' });
      // Without closing it, the now idle connection would hold the drain until its timeout (10 s).
      await expect(shutdown).resolves.toMatchObject({ clean: true, forcedConnections: 0 });
    } finally {
      agent.destroy();
    }
  });

  it('cuts connections still busy when the drain timeout passes and reports an unclean stop', async () => {
    const service = await startService({ drainTimeoutMs: 200 });
    const hanging = get(service.port, '/hang').catch((err: NodeJS.ErrnoException) => err.code);
    await waitFor(() => service.arrivedCount() === 1, 'the request to reach the handler');
    const result = await service.lifecycle.shutdown('SIGTERM');
    expect(result).toEqual({ clean: false, forcedConnections: 1, failedStoppers: [] });
    expect(await hanging).toBe('ECONNRESET');
    expect(service.events).toEqual(['stop event consumer', 'stop pg pool']);
  });

  it('refuses to listen once shutdown has begun', async () => {
    const service = await startService({ drainTimeoutMs: 1000 });
    await service.lifecycle.shutdown('test');
    await expect(service.lifecycle.listen(() => undefined, { port: 0 })).rejects.toThrow(
      'shutting down',
    );
  });
});
