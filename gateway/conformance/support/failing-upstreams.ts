/**
 * Upstreams that fail on purpose: a port nothing listens on, and a server that drops the first
 * N connections without answering (to observe retries).
 */
import { createServer as createNetServer } from 'node:net';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A port that was free a moment ago and is now closed: connecting is refused. */
export async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface FlakyUpstream {
  port: number;
  /** Requests that reached the server, including dropped ones. */
  attempts(): number;
  close(): Promise<void>;
}

/** Destroys the socket of the first `failures` requests, then answers 200 `ok`. */
export async function flakyUpstream(failures: number): Promise<FlakyUpstream> {
  let seen = 0;
  const server = createServer((req, res) => {
    seen += 1;
    req.resume();
    if (seen <= failures) {
      req.socket.destroy();
      return;
    }
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    attempts: () => seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
