/**
 * A plain HTTP/1.1 client for the conformance suite: sends exactly the method, target and headers
 * given (no implicit Accept, no path normalization) and returns status, raw headers and body.
 */
import { request } from 'node:http';

export interface SendOptions {
  method?: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
}

export interface Received {
  status: number;
  /** Lower-cased names; repeated headers joined with ', ' except set-cookie. */
  headers: Record<string, string>;
  /** Raw header pairs, in order, as received. */
  rawHeaders: [string, string][];
  body: string;
  json<T = Record<string, unknown>>(): T;
  /** Every value of a header, in order. */
  all(name: string): string[];
}

export function send(
  baseUrl: string,
  target: string,
  options: SendOptions = {},
): Promise<Received> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: options.method ?? 'GET',
        path: target,
        headers: { Host: 'conformance.test', ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const rawHeaders: [string, string][] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2)
            rawHeaders.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers))
            headers[k] = Array.isArray(v) ? v.join(', ') : String(v);
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers,
            rawHeaders,
            body,
            json: <T>() => JSON.parse(body) as T,
            all: (name) =>
              rawHeaders.filter(([k]) => k.toLowerCase() === name.toLowerCase()).map(([, v]) => v),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The echo upstream's description of the request it received. */
export interface Echo {
  method: string;
  url: string;
  rawHeaders: [string, string][];
  headers: Record<string, string>;
  body: string;
}

export function echoOf(res: Received): Echo {
  return res.json<Echo>();
}
