/**
 * correlation-id conformance (kong-gateway.md A6.1; Kong spec 03-plugins/11-correlation-id):
 * generators, keeping an incoming id, echo_downstream on proxied and Kong-generated responses.
 */
import { closedPort } from './support/failing-upstreams';
import { echoOf, send } from './support/http-client';
import { serviceUrl, startSuite, stopSuite, type Suite } from './support/suite';
import { upstreamHost } from './support/gateway-target';

let suite: Suite;

beforeAll(async () => {
  const dead = await closedPort();
  const cid = (name: string, config: object) => ({
    name: `cid-${name}`,
    paths: [`/${name}`],
    plugins: [{ name: 'correlation-id', config }],
  });
  suite = await startSuite((up) => ({
    services: [
      {
        name: 'cid-echo',
        url: serviceUrl(up),
        routes: [
          cid('default', {}),
          cid('uuid', { generator: 'uuid', header_name: 'X-Correlation-ID' }),
          cid('tracker', { generator: 'tracker' }),
          cid('echo', { echo_downstream: true }),
        ],
      },
      {
        name: 'cid-dead',
        url: `http://${upstreamHost()}:${dead}`,
        retries: 0,
        routes: [cid('dead', { echo_downstream: true })],
      },
    ],
    plugins: [
      { name: 'correlation-id', config: { header_name: 'X-Global-Id', echo_downstream: true } },
    ],
  }));
});

afterAll(() => stopSuite(suite));

describe('correlation-id', () => {
  it('generates uuid#counter ids in the Kong-Request-ID header by default, counting up', async () => {
    const a = echoOf(await send(suite.url, '/default')).headers['kong-request-id']!;
    const b = echoOf(await send(suite.url, '/default')).headers['kong-request-id']!;
    const [uuidA, nA] = a.split('#');
    const [uuidB, nB] = b.split('#');
    expect(uuidA).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidB).toBe(uuidA);
    expect(Number(nB)).toBe(Number(nA) + 1);
  });

  it('generates a random v4 UUID with generator uuid under the configured header', async () => {
    const id = echoOf(await send(suite.url, '/uuid')).headers['x-correlation-id'];
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('generates addr-port-pid-connection-requests-time ids with generator tracker', async () => {
    const id = echoOf(await send(suite.url, '/tracker')).headers['kong-request-id'];
    expect(id).toMatch(/^127\.0\.0\.1-\d+-\d+-\d+-\d+-\d+\.\d{3}$/);
  });

  it('keeps a non-empty incoming id', async () => {
    const echo = echoOf(
      await send(suite.url, '/default', { headers: { 'Kong-Request-ID': 'from-client' } }),
    );
    expect(echo.headers['kong-request-id']).toBe('from-client');
  });

  it('replaces a whitespace-only incoming id', async () => {
    const echo = echoOf(
      await send(suite.url, '/default', { headers: { 'Kong-Request-ID': '   ' } }),
    );
    expect(echo.headers['kong-request-id']).toMatch(/#\d+$/);
  });

  it('does not echo the id downstream by default', async () => {
    expect((await send(suite.url, '/default')).headers['kong-request-id']).toBeUndefined();
  });

  it('echoes the id it sent upstream with echo_downstream', async () => {
    const res = await send(suite.url, '/echo');
    expect(res.headers['kong-request-id']).toBe(echoOf(res).headers['kong-request-id']);
  });

  it('echoes the id on a 502 as well', async () => {
    const res = await send(suite.url, '/dead', { headers: { 'Kong-Request-ID': 'trace-me' } });
    expect(res.status).toBe(502);
    expect(res.headers['kong-request-id']).toBe('trace-me');
  });

  it('echoes a global instance on the no-route 404, where access never ran', async () => {
    const res = await send(suite.url, '/no-such-route', {
      headers: { 'X-Global-Id': 'incoming-404' },
    });
    expect(res.status).toBe(404);
    expect(res.headers['x-global-id']).toBe('incoming-404');
  });

  it('generates an id for the 404 when none came in', async () => {
    expect((await send(suite.url, '/no-such-route')).headers['x-global-id']).toMatch(/#\d+$/);
  });
});
