/**
 * Per-connection counters nginx exposes as `$connection` (serial number) and
 * `$connection_requests`; correlation-id's `tracker` generator prints them.
 */
import type { Socket } from 'node:net';

export const connectionInfo = new WeakMap<Socket, { serial: number; requests: number }>();
let nextSerial = 0;

export function trackConnection(socket: Socket): void {
  connectionInfo.set(socket, { serial: ++nextSerial, requests: 0 });
}

export function countRequest(socket: Socket): void {
  const info = connectionInfo.get(socket);
  if (info) info.requests += 1;
}
