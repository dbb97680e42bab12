/**
 * Serves the gRPC InventoryService on its own port as a BackgroundWorker of startService: started
 * after HTTP and the consumer, stopped first. Stop lets in-flight calls finish (tryShutdown) and
 * cuts whatever is still running when the timeout passes (forceShutdown).
 */
import * as grpc from '@grpc/grpc-js';
import {
  addInventoryService,
  type InventoryServiceHandlers,
} from '@bazaar/generated/grpc/inventory/v1/inventory';
import type { BackgroundWorker } from '@bazaar/platform/service/index';
import type { Logger } from '@bazaar/platform/telemetry/index';

export interface GrpcServerWorkerOptions {
  host: string;
  /** 0 binds a free port; read it from `port` after start. */
  port: number;
  shutdownTimeoutMs: number;
  handlers: InventoryServiceHandlers;
  logger: Logger;
}

export class GrpcServerWorker implements BackgroundWorker {
  readonly name = 'grpc server';
  private server: grpc.Server | undefined;
  private boundPort: number | undefined;

  constructor(private readonly options: GrpcServerWorkerOptions) {}

  /** The port the server listens on (after start). */
  get port(): number {
    if (this.boundPort === undefined) throw new Error('the gRPC server has not started');
    return this.boundPort;
  }

  async start(): Promise<void> {
    const { host, port, handlers, logger } = this.options;
    const server = new grpc.Server();
    addInventoryService(server, handlers, {
      onUnexpectedError: (error, method) =>
        logger.error({ err: error, method }, 'gRPC call failed unexpectedly'),
    });
    const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
    this.boundPort = await new Promise<number>((resolve, reject) =>
      server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    this.server = server;
    logger.info({ address: host, port: this.boundPort }, 'gRPC listening');
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.options.logger.warn('gRPC calls still running at the shutdown timeout; cutting them');
        server.forceShutdown();
        resolve();
      }, this.options.shutdownTimeoutMs);
      server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
