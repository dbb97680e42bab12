/**
 * WebSocket conformance (kong-gateway.md A2.6): the upgrade passes through to the upstream with
 * Kong's Connection/Upgrade headers, messages flow both ways, and plugins still guard the upgrade.
 */
import WebSocket from 'ws';
import { signJwt } from './support/jwt-tokens';
import { serviceUrl, startSuite, stopSuite, type Suite } from './support/suite';

let suite: Suite;

beforeAll(async () => {
  suite = await startSuite((up) => ({
    consumers: [{ username: 'ws-user', jwt_secrets: [{ key: 'ws-user', secret: 'ws-secret' }] }],
    services: [
      {
        name: 'ws-echo',
        url: serviceUrl(up),
        routes: [
          { name: 'ws-open', paths: ['/ws/open'], strip_path: false },
          {
            name: 'ws-guarded',
            paths: ['/ws/guarded'],
            strip_path: false,
            plugins: [{ name: 'jwt' }],
          },
        ],
      },
    ],
  }));
});

afterAll(() => stopSuite(suite));

function open(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ ws: WebSocket; upgradeHeaders: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${suite.url.replace('http', 'ws')}${path}`, { headers });
    ws.once('upgrade', (res) =>
      ws.once('open', () => resolve({ ws, upgradeHeaders: res.headers })),
    );
    ws.once('unexpected-response', (_req, res) =>
      reject(Object.assign(new Error(`status ${res.statusCode}`), { status: res.statusCode })),
    );
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<string> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(data.toString())));
}

describe('websocket', () => {
  it('relays messages both ways through the upgrade', async () => {
    const { ws } = await open('/ws/open');
    const reply = nextMessage(ws);
    ws.send('hello');
    expect(await reply).toBe('echo: hello');
    ws.close();
  });

  it('sends the upgrade upstream with Connection: keep-alive, Upgrade and Upgrade: websocket', async () => {
    const { ws } = await open('/ws/open');
    ws.close();
    const seen = suite.upstream.received.filter((r) => r.url === '/ws/open').pop()!;
    expect(seen.headers.connection).toBe('keep-alive, Upgrade');
    expect(seen.headers.upgrade).toBe('websocket');
    expect(seen.headers['x-forwarded-path']).toBe('/ws/open');
  });

  it("adds Kong's response headers to the 101", async () => {
    const { ws, upgradeHeaders } = await open('/ws/open');
    ws.close();
    expect(upgradeHeaders['x-kong-request-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(String(upgradeHeaders.via)).toContain('kong/');
  });

  it('runs the access phase first: no token, no upgrade (401)', async () => {
    await expect(open('/ws/guarded')).rejects.toMatchObject({ status: 401 });
  });

  it('upgrades with a valid token', async () => {
    const token = signJwt({ iss: 'ws-user' }, 'HS256', 'ws-secret');
    const { ws } = await open('/ws/guarded', { Authorization: `Bearer ${token}` });
    const reply = nextMessage(ws);
    ws.send('secured');
    expect(await reply).toBe('echo: secured');
    ws.close();
  });
});
