/**
 * Start and graceful stop of one service process (platform/src/lifecycle): HTTP servers it
 * listens on, and stoppers (consumers, outbox relay, saga ticker, pools) it registers while
 * starting. Shutdown order: not ready → stop accepting → drain HTTP → stoppers in reverse order.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type Readiness } from '../http/readiness';
import { withTimeout } from '../resilience/deadline';
import { type Logger } from '../telemetry/logger';
import { HttpDrain } from './http-drain';

/** Stops one resource: resolve when it is done (the relay finished its batch, the pool closed). */
export type Stopper = () => Promise<void> | void;

export interface ServiceLifecycleOptions {
  logger: Logger;
  /** Marked shutting-down first, so /health/ready answers 503 while the instance drains. */
  readiness?: Readiness;
  /** How long in-flight HTTP requests may run once shutdown begins, in ms. Default 10 000. */
  drainTimeoutMs?: number;
  /** How long each stopper may take, in ms. Default 10 000. */
  stopperTimeoutMs?: number;
  /**
   * Pause between reporting not-ready and closing the listener, in ms, so a load balancer that
   * polls readiness stops routing here before connections are refused. Default 0.
   */
  notReadyGraceMs?: number;
}

export interface ListenOptions {
  port: number;
  host?: string;
  /**
   * Idle keep-alive timeout, in ms. Default 65 000: longer than the gateway's upstream keep-alive
   * (Kong: 60 s), so the service never closes a connection the gateway is about to reuse (→ 502).
   */
  keepAliveTimeoutMs?: number;
}

export interface ShutdownResult {
  /** True when every connection drained in time and every stopper succeeded. */
  clean: boolean;
  forcedConnections: number;
  failedStoppers: readonly string[];
}

export type LifecycleState = 'running' | 'stopping' | 'stopped';

export class ServiceLifecycle {
  private readonly servers: { server: Server; drain: HttpDrain }[] = [];
  private readonly stoppers: { name: string; stop: Stopper }[] = [];
  private shutdownPromise: Promise<ShutdownResult> | undefined;
  private currentState: LifecycleState = 'running';

  constructor(private readonly options: ServiceLifecycleOptions) {}

  get state(): LifecycleState {
    return this.currentState;
  }

  /** Serves `handler` (an express app) on `port`; resolves once listening. */
  async listen(handler: RequestListener, options: ListenOptions): Promise<Server> {
    if (this.currentState !== 'running')
      throw new Error('cannot listen: the service is shutting down');
    const server = createServer(handler);
    server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 65_000;
    // Node requires headersTimeout > keepAliveTimeout, or a reused socket can be cut mid-request.
    server.headersTimeout = server.keepAliveTimeout + 1000;
    const drain = new HttpDrain(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.servers.push({ server, drain });
    const address = server.address() as AddressInfo;
    this.options.logger.info({ address: address.address, port: address.port }, 'listening');
    return server;
  }

  /** Registers a stopper; stoppers run in reverse registration order (last started, first stopped). */
  addStopper(name: string, stop: Stopper): void {
    this.stoppers.push({ name, stop });
  }

  /** Runs the shutdown sequence once; later calls return the same result. */
  shutdown(reason: string): Promise<ShutdownResult> {
    this.shutdownPromise ??= this.runShutdown(reason);
    return this.shutdownPromise;
  }

  private async runShutdown(reason: string): Promise<ShutdownResult> {
    const { logger } = this.options;
    this.currentState = 'stopping';
    logger.info({ reason }, 'shutdown started');
    this.options.readiness?.markShuttingDown();
    if (this.options.notReadyGraceMs)
      await new Promise((resolve) => setTimeout(resolve, this.options.notReadyGraceMs));

    const drainTimeoutMs = this.options.drainTimeoutMs ?? 10_000;
    const inFlight = this.servers.reduce((sum, { drain }) => sum + drain.inFlight, 0);
    logger.info({ inFlight, drainTimeoutMs }, 'draining HTTP connections');
    const drained = await Promise.all(this.servers.map(({ drain }) => drain.drain(drainTimeoutMs)));
    const forcedConnections = drained.reduce((sum, result) => sum + result.forcedConnections, 0);
    if (forcedConnections > 0)
      logger.warn({ forcedConnections }, 'drain timeout passed; connections were cut');

    const failedStoppers: string[] = [];
    const stopperTimeoutMs = this.options.stopperTimeoutMs ?? 10_000;
    for (const { name, stop } of [...this.stoppers].reverse()) {
      try {
        await withTimeout(async () => stop(), stopperTimeoutMs, { what: `stopper "${name}"` });
        logger.info({ stopper: name }, 'stopped');
      } catch (err) {
        failedStoppers.push(name);
        logger.error({ err, stopper: name }, 'stopper failed');
      }
    }
    this.currentState = 'stopped';
    const result = {
      clean: forcedConnections === 0 && failedStoppers.length === 0,
      forcedConnections,
      failedStoppers,
    };
    logger.info(result, 'shutdown finished');
    return result;
  }
}
