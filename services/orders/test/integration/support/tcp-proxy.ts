/**
 * A TCP proxy a suite puts between orders and a service it calls (inventory's gRPC port,
 * payment's HTTP port) to play an outage: `forward` passes bytes both ways, `refuse` closes every
 * connection at once (the service looks down: gRPC UNAVAILABLE, HTTP connection errors), `hold`
 * accepts connections and sends nothing on until the mode changes (a call in flight that never
 * gets its answer: the moment the crash suite kills orders in).
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export type ProxyMode = 'forward' | 'refuse' | 'hold';

export interface TcpProxy {
  address: string;
  port: number;
  mode: ProxyMode;
  setMode(mode: ProxyMode): void;
  /** Connections currently held (mode `hold`). */
  held(): number;
  close(): Promise<void>;
}

export async function startTcpProxy(
  target: { host: string; port: number },
  mode: ProxyMode = 'forward',
): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const waiting = new Set<{ socket: Socket; release: () => void }>();
  let current = mode;

  const pipe = (client: Socket, buffered: Buffer[]) => {
    const upstream = connect(target.port, target.host);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    for (const chunk of buffered) upstream.write(chunk);
    client.pipe(upstream).pipe(client);
  };

  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    if (current === 'refuse') {
      client.destroy();
      return;
    }
    if (current === 'forward') {
      pipe(client, []);
      return;
    }
    const buffered: Buffer[] = [];
    const collect = (chunk: Buffer) => buffered.push(chunk);
    const entry = {
      socket: client,
      release: () => {
        client.off('data', collect);
        pipe(client, buffered);
      },
    };
    client.on('data', collect);
    client.on('close', () => waiting.delete(entry));
    client.on('error', () => waiting.delete(entry));
    waiting.add(entry);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  return {
    address: `127.0.0.1:${port}`,
    port,
    get mode() {
      return current;
    },
    setMode(next) {
      current = next;
      if (next === 'hold') return;
      for (const entry of [...waiting]) {
        waiting.delete(entry);
        if (next === 'refuse') entry.socket.destroy();
        else entry.release();
      }
      if (next === 'refuse') for (const socket of sockets) socket.destroy();
    },
    held: () => waiting.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
