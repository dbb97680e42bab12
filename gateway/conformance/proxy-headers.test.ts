/**
 * Proxy header conformance (kong-gateway.md A2.5, A7.1-A7.2; Kong spec 05-proxy/03-upstream_headers,
 * 14-server_tokens, 35-via): what Kong adds and removes on the way up and down.
 */
import { SERVER_TOKEN } from '../runtime/src/kong-version';
import { echoOf, send } from './support/http-client';
import { serviceUrl, startSuite, stopSuite, type Suite } from './support/suite';

let suite: Suite;

beforeAll(async () => {
  suite = await startSuite((up) => ({
    services: [
      {
        name: 'headers',
        url: serviceUrl(up, '/svc'),
        routes: [
          { name: 'h-strip', paths: ['/strip'] },
          { name: 'h-keep', paths: ['/keep'], strip_path: false },
          { name: 'h-preserve', paths: ['/preserve'], preserve_host: true },
        ],
      },
    ],
  }));
});

afterAll(() => stopSuite(suite));

function header(echo: { rawHeaders: [string, string][] }, name: string): string[] {
  return echo.rawHeaders.filter(([k]) => k.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
}

describe('headers sent upstream', () => {
  it('sets X-Forwarded-Proto, -Host (lower-case, no port), -Port and -Path', async () => {
    const echo = echoOf(
      await send(suite.url, '/strip/a%2Fb?q=1', { headers: { Host: 'Shop.Test:1234' } }),
    );
    expect(echo.headers['x-forwarded-proto']).toBe('http');
    expect(echo.headers['x-forwarded-host']).toBe('shop.test');
    expect(echo.headers['x-forwarded-port']).toBe(new URL(suite.url).port);
    expect(echo.headers['x-forwarded-path']).toBe('/strip/a%2Fb');
  });

  it('sets X-Forwarded-Prefix to the stripped prefix', async () => {
    expect(echoOf(await send(suite.url, '/strip/x')).headers['x-forwarded-prefix']).toBe('/strip');
  });

  it('sends no X-Forwarded-Prefix when nothing was stripped', async () => {
    expect(echoOf(await send(suite.url, '/keep/x')).headers['x-forwarded-prefix']).toBeUndefined();
  });

  it('replaces a client X-Real-IP with the peer address', async () => {
    const echo = echoOf(await send(suite.url, '/strip', { headers: { 'X-Real-IP': '10.9.9.9' } }));
    expect(header(echo, 'x-real-ip')).toEqual(['127.0.0.1']);
  });

  it('appends the peer address to a client X-Forwarded-For', async () => {
    const echo = echoOf(
      await send(suite.url, '/strip', { headers: { 'X-Forwarded-For': '10.1.1.1' } }),
    );
    expect(echo.headers['x-forwarded-for']).toBe('10.1.1.1, 127.0.0.1');
  });

  it('uses the peer address as X-Forwarded-For when the client sent none', async () => {
    expect(echoOf(await send(suite.url, '/strip')).headers['x-forwarded-for']).toBe('127.0.0.1');
  });

  it('appends Kong to a client Via', async () => {
    const echo = echoOf(await send(suite.url, '/strip', { headers: { Via: '1.0 corp-proxy' } }));
    expect(echo.headers.via).toBe(`1.0 corp-proxy, 1.1 ${SERVER_TOKEN}`);
  });

  it('sends the same X-Kong-Request-Id upstream and downstream, 32 hex characters', async () => {
    const res = await send(suite.url, '/strip');
    const id = res.headers['x-kong-request-id'];
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(echoOf(res).headers['x-kong-request-id']).toBe(id);
  });

  it('sends the service host and non-default port as Host', async () => {
    const echo = echoOf(await send(suite.url, '/strip'));
    expect(echo.headers.host).toBe(`127.0.0.1:${suite.upstream.port}`);
  });

  it('forwards the client Host verbatim with preserve_host', async () => {
    const echo = echoOf(
      await send(suite.url, '/preserve', { headers: { Host: 'Client.Test:8443' } }),
    );
    expect(echo.headers.host).toBe('Client.Test:8443');
  });

  it('removes hop-by-hop headers named in Connection, and Proxy-Connection', async () => {
    const echo = echoOf(
      await send(suite.url, '/strip', {
        headers: {
          Connection: 'keep-alive, X-Hop',
          'X-Hop': 'secret',
          'Proxy-Connection': 'keep-alive',
          'X-Stay': 'kept',
        },
      }),
    );
    expect(echo.headers['x-hop']).toBeUndefined();
    expect(echo.headers['proxy-connection']).toBeUndefined();
    expect(echo.headers['x-stay']).toBe('kept');
  });

  it('forwards TE only as trailers, when requested', async () => {
    expect(
      echoOf(await send(suite.url, '/strip', { headers: { TE: 'gzip, trailers' } })).headers.te,
    ).toBe('trailers');
    expect(
      echoOf(await send(suite.url, '/strip', { headers: { TE: 'gzip' } })).headers.te,
    ).toBeUndefined();
  });

  it('forwards request bodies', async () => {
    const echo = echoOf(
      await send(suite.url, '/strip', {
        method: 'POST',
        body: '{"a":1}',
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    expect(echo.body).toBe('{"a":1}');
    expect(echo.headers['content-length']).toBe('7');
  });
});

describe('headers sent downstream', () => {
  it('adds latency headers, Via and Server to a proxied response', async () => {
    const res = await send(suite.url, '/strip');
    expect(res.headers['x-kong-upstream-latency']).toMatch(/^\d+$/);
    expect(res.headers['x-kong-proxy-latency']).toMatch(/^\d+$/);
    expect(res.headers.via).toBe(`1.1 ${SERVER_TOKEN}`);
    expect(res.headers.server).toBe(SERVER_TOKEN);
    expect(res.headers['x-kong-response-latency']).toBeUndefined();
  });

  it('keeps the upstream Server header', async () => {
    const res = await send(suite.url, '/strip/headers?Server=upstream%2F1.0');
    expect(res.headers.server).toBe('upstream/1.0');
  });

  it('appends Kong to an upstream Via', async () => {
    const res = await send(suite.url, '/strip/headers?Via=1.1%20backend');
    expect(res.headers.via).toBe(`1.1 backend, 1.1 ${SERVER_TOKEN}`);
  });

  it('removes response headers the upstream lists in Connection', async () => {
    const res = await send(
      suite.url,
      '/strip/headers?Connection=X-Internal&X-Internal=1&X-Public=2',
    );
    expect(res.headers['x-internal']).toBeUndefined();
    expect(res.headers['x-public']).toBe('2');
  });

  it('passes upstream error statuses and bodies through unchanged', async () => {
    const res = await send(suite.url, '/strip/status/503');
    expect(res.status).toBe(503);
    expect(echoOf(res).url).toBe('/svc/status/503');
  });
});
