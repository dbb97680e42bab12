/**
 * request-size-limiting conformance (kong-gateway.md A6.2; Kong spec 03-plugins/12-request-size-limiting):
 * binary units, the equal-size boundary, 413/417/411, bodies without Content-Length.
 */
import { request } from 'node:http';
import { echoOf, send } from './support/http-client';
import { serviceUrl, startSuite, stopSuite, type Suite } from './support/suite';

let suite: Suite;

beforeAll(async () => {
  const limit = (name: string, config: object) => ({
    name: `rsl-${name}`,
    paths: [`/${name}`],
    plugins: [{ name: 'request-size-limiting', config }],
  });
  suite = await startSuite((up) => ({
    services: [
      {
        name: 'rsl-echo',
        url: serviceUrl(up),
        routes: [
          limit('kib', { allowed_payload_size: 1, size_unit: 'kilobytes' }),
          limit('mib', { allowed_payload_size: 1 }),
          limit('bytes', { allowed_payload_size: 10, size_unit: 'bytes' }),
          limit('need-length', {
            allowed_payload_size: 10,
            size_unit: 'bytes',
            require_content_length: true,
          }),
          {
            name: 'rsl-auth',
            paths: ['/auth'],
            plugins: [
              { name: 'jwt' },
              {
                name: 'request-size-limiting',
                config: { allowed_payload_size: 1, size_unit: 'bytes' },
              },
            ],
          },
        ],
      },
    ],
  }));
});

afterAll(() => stopSuite(suite));

/** Sends a chunked body (no Content-Length). */
function chunked(
  path: string,
  parts: string[],
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const url = new URL(suite.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path,
        headers: { Host: 'x.test', ...headers },
        agent: false,
      },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    for (const p of parts) req.write(p);
    req.end();
  });
}

describe('request-size-limiting', () => {
  it('accepts a body exactly at the limit (1 KiB = 1024 bytes)', async () => {
    const res = await send(suite.url, '/kib', { method: 'POST', body: 'a'.repeat(1024) });
    expect(res.status).toBe(200);
  });

  it('rejects one byte more with 413 and the standard body', async () => {
    const res = await send(suite.url, '/kib', { method: 'POST', body: 'a'.repeat(1025) });
    expect(res.status).toBe(413);
    expect(res.json()).toEqual({
      message: 'Request size limit exceeded',
      request_id: res.headers['x-kong-request-id'],
    });
  });

  it('reads megabytes as MiB', async () => {
    expect(
      (await send(suite.url, '/mib', { method: 'POST', body: 'a'.repeat(1048576) })).status,
    ).toBe(200);
    expect(
      (await send(suite.url, '/mib', { method: 'POST', body: 'a'.repeat(1048577) })).status,
    ).toBe(413);
  });

  it('decides on Content-Length alone when it is present', async () => {
    const res = await send(suite.url, '/bytes', {
      method: 'POST',
      headers: { 'Content-Length': '11' },
      body: 'a'.repeat(11),
    });
    expect(res.status).toBe(413);
  });

  it('answers 417 instead of 413 when the client expects 100-continue', async () => {
    const res = await send(suite.url, '/bytes', {
      method: 'POST',
      headers: { Expect: '100-continue', 'Content-Length': '11' },
    });
    expect(res.status).toBe(417);
    expect(res.json().message).toBe('Request size limit exceeded');
  });

  it('measures a chunked body without Content-Length', async () => {
    expect((await chunked('/bytes', ['12345', '67890', 'x'])).status).toBe(413);
  });

  it('forwards a chunked body within the limit, with its length', async () => {
    const res = await chunked('/bytes', ['12345', '678']);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).body).toBe('12345678');
  });

  it('answers 411 without a valid Content-Length when require_content_length is on', async () => {
    const res = await send(suite.url, '/need-length', { method: 'GET' });
    expect(res.status).toBe(411);
    expect(res.json().message).toBe('A valid Content-Length header is required');
  });

  it('lets a chunked body through require_content_length', async () => {
    expect((await chunked('/need-length', ['abc'])).status).toBe(200);
  });

  it('answers 401, not 413, when authentication fails first', async () => {
    const res = await send(suite.url, '/auth', { method: 'POST', body: 'too large' });
    expect(res.status).toBe(401);
  });

  it('passes the accepted body upstream', async () => {
    expect(
      echoOf(await send(suite.url, '/bytes', { method: 'POST', body: 'ten bytes!' })).body,
    ).toBe('ten bytes!');
  });
});
