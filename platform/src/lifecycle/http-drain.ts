/**
 * Graceful close of one HTTP server (platform/src/lifecycle): stop accepting connections, let the
 * requests in flight finish while closing every keep-alive connection as soon as it falls idle,
 * and cut whatever is still open when the drain timeout passes.
 */
import { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type Socket } from 'node:net';

export interface DrainResult {
  /** Connections still open at the timeout and destroyed. 0 means a clean drain. */
  forcedConnections: number;
}

/** Tracks a server's connections and in-flight responses so that it can be drained. */
export class HttpDrain {
  private readonly sockets = new Set<Socket>();
  private readonly responses = new Set<ServerResponse>();
  private draining = false;

  constructor(private readonly server: Server) {
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
      this.responses.add(res);
      // A request that slipped in on a kept-alive connection during the drain is still served,
      // but told the connection closes afterwards.
      if (this.draining && !res.headersSent) res.setHeader('Connection', 'close');
      res.once('close', () => {
        this.responses.delete(res);
        if (this.draining) this.server.closeIdleConnections();
      });
    });
  }

  get inFlight(): number {
    return this.responses.size;
  }

  /** Resolves once every connection has closed, or after `timeoutMs` with the rest destroyed. */
  drain(timeoutMs: number): Promise<DrainResult> {
    this.draining = true;
    for (const res of this.responses) {
      if (!res.headersSent) res.setHeader('Connection', 'close');
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const forcedConnections = this.sockets.size;
        this.server.closeAllConnections();
        for (const socket of this.sockets) socket.destroy();
        resolve({ forcedConnections });
      }, timeoutMs);
      // close() stops the listener (new connections are refused), closes idle connections (Node
      // 19+), and calls back once the last connection has ended. After a timeout, resolve is a no-op.
      this.server.close(() => {
        clearTimeout(timer);
        resolve({ forcedConnections: 0 });
      });
    });
  }
}
