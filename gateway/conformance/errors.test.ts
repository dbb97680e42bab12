/**
 * Error conformance (kong-gateway.md A2.3, A7.3-A7.4; Kong spec 05-proxy/12-error_default_type,
 * 13-error_handlers, 07-upstream_timeouts): Kong's own error bodies with content negotiation, the
 * error handler's 502/504 pages, retries, and requests nginx rejects before routing.
 */
import { SERVER_TOKEN } from '../runtime/src/kong-version';
import { closedPort, type FlakyUpstream, flakyUpstream } from './support/failing-upstreams';
import { send } from './support/http-client';
import { serviceUrl, startSuite, stopSuite, type Suite } from './support/suite';
import { upstreamHost } from './support/gateway-target';

let suite: Suite;
let flakyGet: FlakyUpstream;
let flakyPost: FlakyUpstream;
let flakyExhausted: FlakyUpstream;

beforeAll(async () => {
  const refused = await closedPort();
  flakyGet = await flakyUpstream(2);
  flakyPost = await flakyUpstream(1);
  flakyExhausted = await flakyUpstream(100);
  const host = upstreamHost();
  suite = await startSuite((up) => ({
    services: [
      { name: 'err-echo', url: serviceUrl(up), routes: [{ name: 'err-echo-r', paths: ['/echo'] }] },
      {
        name: 'err-refused',
        url: `http://${host}:${refused}`,
        retries: 1,
        routes: [{ name: 'err-refused-r', paths: ['/refused'] }],
      },
      {
        name: 'err-slow',
        url: serviceUrl(up, '/delay/1000'),
        read_timeout: 100,
        retries: 0,
        routes: [{ name: 'err-slow-r', paths: ['/slow'] }],
      },
      {
        name: 'err-flaky-get',
        url: `http://${host}:${flakyGet.port}`,
        routes: [{ name: 'err-flaky-get-r', paths: ['/flaky-get'] }],
      },
      {
        name: 'err-flaky-post',
        url: `http://${host}:${flakyPost.port}`,
        routes: [{ name: 'err-flaky-post-r', paths: ['/flaky-post'] }],
      },
      {
        name: 'err-flaky-exhausted',
        url: `http://${host}:${flakyExhausted.port}`,
        retries: 2,
        routes: [{ name: 'err-flaky-exhausted-r', paths: ['/flaky-exhausted'] }],
      },
      {
        name: 'err-dns',
        url: 'http://no-such-host.invalid',
        routes: [{ name: 'err-dns-r', paths: ['/dns'] }],
      },
    ],
  }));
});

afterAll(async () => {
  await stopSuite(suite);
  await Promise.all([flakyGet?.close(), flakyPost?.close(), flakyExhausted?.close()]);
});

describe("Kong's own errors (kong.response.error)", () => {
  it('renders the 404 as the 4-line JSON document with the request id', async () => {
    const res = await send(suite.url, '/nowhere');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toBe(
      `{\n  "message":"no Route matched with those values",\n  "request_id":"${res.headers['x-kong-request-id']}"\n}`,
    );
  });

  it('renders HTML for Accept: text/html, with a period after the message', async () => {
    const res = await send(suite.url, '/nowhere', { headers: { Accept: 'text/html' } });
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<p>no Route matched with those values.</p>');
    expect(res.body).toContain(`<p>request_id: ${res.headers['x-kong-request-id']}</p>`);
  });

  it('renders XML for Accept: application/xml', async () => {
    const res = await send(suite.url, '/nowhere', { headers: { Accept: 'application/xml' } });
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(res.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<error>\n  <message>no Route matched with those values</message>\n' +
        `  <requestid>${res.headers['x-kong-request-id']}</requestid>\n</error>\n`,
    );
  });

  it('renders plain text for Accept: text/plain', async () => {
    const res = await send(suite.url, '/nowhere', { headers: { Accept: 'text/plain' } });
    expect(res.body).toBe(
      `no Route matched with those values\nrequest_id: ${res.headers['x-kong-request-id']}\n`,
    );
  });

  it('picks the Accept entry with the highest q', async () => {
    const res = await send(suite.url, '/nowhere', {
      headers: { Accept: 'text/html;q=0.2, text/plain;q=0.8' },
    });
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('sends no body for HEAD', async () => {
    const res = await send(suite.url, '/nowhere', { method: 'HEAD' });
    expect(res.status).toBe(404);
    expect(res.body).toBe('');
  });

  it('carries X-Kong-Response-Latency and Server but no Via or upstream latency', async () => {
    const res = await send(suite.url, '/nowhere');
    expect(res.headers['x-kong-response-latency']).toMatch(/^\d+$/);
    expect(res.headers.server).toBe(SERVER_TOKEN);
    expect(res.headers.via).toBeUndefined();
    expect(res.headers['x-kong-upstream-latency']).toBeUndefined();
  });
});

describe('upstream failures (error handler)', () => {
  it('answers 502 in text/plain by default when the upstream refuses connections', async () => {
    const res = await send(suite.url, '/refused');
    expect(res.status).toBe(502);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.body).toBe(
      `An invalid response was received from the upstream server\nrequest_id: ${res.headers['x-kong-request-id']}\n`,
    );
  });

  it('negotiates the 502 body from the request Content-Type when there is no Accept', async () => {
    const res = await send(suite.url, '/refused', {
      method: 'POST',
      body: '{}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('counts a 502 as proxied: upstream and proxy latency headers, Via', async () => {
    const res = await send(suite.url, '/refused');
    expect(res.headers['x-kong-upstream-latency']).toMatch(/^\d+$/);
    expect(res.headers['x-kong-proxy-latency']).toMatch(/^\d+$/);
    expect(res.headers['x-kong-response-latency']).toBeUndefined();
  });

  it('answers 504 when the upstream exceeds read_timeout', async () => {
    const res = await send(suite.url, '/slow');
    expect(res.status).toBe(504);
    expect(res.body).toBe(
      `The upstream server is timing out\nrequest_id: ${res.headers['x-kong-request-id']}\n`,
    );
  });

  it('retries an idempotent request after connection failures', async () => {
    const res = await send(suite.url, '/flaky-get');
    expect(res.status).toBe(200);
    expect(flakyGet.attempts()).toBe(3);
  });

  it('does not resend a POST that already reached the upstream', async () => {
    const res = await send(suite.url, '/flaky-post', { method: 'POST', body: 'x' });
    expect(res.status).toBe(502);
    expect(flakyPost.attempts()).toBe(1);
  });

  it('gives up after retries + 1 attempts', async () => {
    const res = await send(suite.url, '/flaky-exhausted');
    expect(res.status).toBe(502);
    expect(flakyExhausted.attempts()).toBe(3);
  });

  it('answers 503 name resolution failed (JSON) when the service host does not resolve', async () => {
    const res = await send(suite.url, '/dns');
    expect(res.status).toBe(503);
    expect(res.json().message).toBe('name resolution failed');
  });
});

describe('requests nginx rejects', () => {
  it('answers 405 to TRACE', async () => {
    const res = await send(suite.url, '/echo', { method: 'TRACE' });
    expect(res.status).toBe(405);
    expect(res.body).toBe(`Method not allowed\nrequest_id: ${res.headers['x-kong-request-id']}\n`);
  });

  it('answers 400 to an HTTP/1.1 request without Host', async () => {
    const net = await import('node:net');
    const url = new URL(suite.url);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(url.port), url.hostname, () =>
        socket.write('GET /echo HTTP/1.1\r\nConnection: close\r\n\r\n'),
      );
      let data = '';
      socket.on('data', (d) => (data += d.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(raw.startsWith('HTTP/1.1 400')).toBe(true);
    expect(raw).toContain('Bad request\nrequest_id: ');
  });
});
