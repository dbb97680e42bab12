/**
 * Runtime behind the generated gRPC clients and server registrations (generated/grpc/<pkg>/): loads
 * a service from its embedded descriptor, makes unary calls promise-based with deadlines and
 * propagated metadata, and maps handler results and errors to gRPC statuses.
 */
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/**
 * How messages are converted, identical for the generated types and at run time: camelCase
 * fields, enums as their names, 64-bit integers as numbers, defaults for absent fields, and the
 * name of the set field on each oneof.
 */
export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
};

/** A gRPC service constructor with its definition, as grpc.loadPackageDefinition returns it. */
export type ServiceConstructor = grpc.ServiceClientConstructor;

/** The service at `fullName` (e.g. `bazaar.inventory.v1.InventoryService`) in a JSON descriptor. */
export function loadService(descriptor: object, fullName: string): ServiceConstructor {
  const loaded = grpc.loadPackageDefinition(protoLoader.fromJSON(descriptor, LOADER_OPTIONS));
  const service = fullName
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], loaded);
  if (typeof service !== 'function') throw new Error(`descriptor has no service ${fullName}`);
  return service as ServiceConstructor;
}

export interface ClientConnectionOptions {
  /** Default: insecure (inside the platform's network). */
  credentials?: grpc.ChannelCredentials;
  /** Deadline for calls that set none, in milliseconds. Default 5 000. */
  defaultDeadlineMs?: number;
  /** Metadata added to every call, e.g. `() => ({ traceparent })` to continue the current trace. */
  contextMetadata?: () => Record<string, string | undefined>;
  channelOptions?: grpc.ChannelOptions;
}

export interface CallOptions {
  /** Milliseconds from now; overrides the client's default deadline. */
  deadlineMs?: number;
  /** An absolute deadline (wins over `deadlineMs`), e.g. propagated from an incoming request. */
  deadline?: Date;
  metadata?: Record<string, string>;
  signal?: AbortSignal;
}

/** A client's unary call, as a promise that rejects with a grpc.ServiceError on failure. */
export function callUnary<Response>(
  client: grpc.Client,
  method: string,
  request: unknown,
  options: CallOptions,
  connection: ClientConnectionOptions,
): Promise<Response> {
  const metadata = new grpc.Metadata();
  const entries = { ...connection.contextMetadata?.(), ...options.metadata };
  for (const [key, value] of Object.entries(entries))
    if (value !== undefined) metadata.set(key, value);
  const deadline =
    options.deadline ??
    new Date(Date.now() + (options.deadlineMs ?? connection.defaultDeadlineMs ?? 5_000));
  return new Promise<Response>((resolve, reject) => {
    const invoke = (
      client as unknown as Record<string, (...args: unknown[]) => grpc.ClientUnaryCall>
    )[method];
    if (typeof invoke !== 'function') return reject(new Error(`client has no method ${method}`));
    const call = invoke.call(
      client,
      request,
      metadata,
      { deadline },
      (error: grpc.ServiceError | null, response: Response) =>
        error ? reject(error) : resolve(response),
    ) as grpc.ClientUnaryCall;
    options.signal?.addEventListener('abort', () => call.cancel(), { once: true });
  });
}

/** Thrown by a handler to answer with a specific gRPC status and message. */
export class GrpcError extends Error {
  readonly code: grpc.status;

  constructor(code: grpc.status, message: string) {
    super(message);
    this.name = 'GrpcError';
    this.code = code;
  }
}

export interface ServerOptions {
  /** Told about every error that is not a GrpcError (answered as INTERNAL without details). */
  onUnexpectedError?: (error: unknown, method: string) => void;
}

/** Adapts a promise handler to grpc-js's callback style, mapping thrown errors to statuses. */
export function unaryHandler<Request, Response>(
  method: string,
  handler: (request: Request, call: grpc.ServerUnaryCall<Request, Response>) => Promise<Response>,
  options: ServerOptions,
): grpc.handleUnaryCall<Request, Response> {
  return (call, callback) => {
    handler(call.request, call).then(
      (response) => callback(null, response),
      (error: unknown) => {
        if (error instanceof GrpcError)
          return callback({ code: error.code, details: error.message });
        options.onUnexpectedError?.(error, method);
        callback({ code: grpc.status.INTERNAL, details: 'internal error' });
      },
    );
  };
}
