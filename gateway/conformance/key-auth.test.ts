/**
 * key-auth conformance (kong-gateway.md A6.3; Kong spec 03-plugins/09-key-auth/02-access_spec.lua):
 * key lookup order, negotiated 401 bodies with WWW-Authenticate: Key, credential headers,
 * hide_credentials and anonymous.
 */
import { echoOf, send } from './support/http-client';
import { serviceUrl, startSuite, stopSuite, type Suite } from './support/suite';

let suite: Suite;

beforeAll(async () => {
  const ka = (name: string, config: object = {}) => ({
    name: `ka-${name}`,
    paths: [`/${name}`],
    plugins: [{ name: 'key-auth', config }],
  });
  suite = await startSuite((up) => ({
    consumers: [
      { username: 'ka-carol', keyauth_credentials: [{ key: 'carol-key' }] },
      { username: 'ka-guest' },
    ],
    services: [
      {
        name: 'ka-echo',
        url: serviceUrl(up),
        routes: [
          ka('default'),
          ka('realm', { realm: 'bazaar' }),
          ka('hide', { hide_credentials: true }),
          ka('names', { key_names: ['x-api-key', 'apikey'] }),
          ka('anon', { anonymous: 'ka-guest' }),
          ka('header-only', { key_in_query: false }),
        ],
      },
    ],
  }));
});

afterAll(() => stopSuite(suite));

describe('key-auth', () => {
  it('authenticates a key from the apikey header and sets the credential id as identifier', async () => {
    const res = await send(suite.url, '/default', { headers: { apikey: 'carol-key' } });
    expect(res.status).toBe(200);
    const h = echoOf(res).headers;
    expect(h['x-consumer-username']).toBe('ka-carol');
    expect(h['x-credential-identifier']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('authenticates a key from the query string', async () => {
    expect((await send(suite.url, '/default?apikey=carol-key')).status).toBe(200);
  });

  it('answers No API key found in request with the negotiated body and WWW-Authenticate: Key', async () => {
    const res = await send(suite.url, '/default');
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({
      message: 'No API key found in request',
      request_id: res.headers['x-kong-request-id'],
    });
    expect(res.headers['www-authenticate']).toBe('Key');
  });

  it('treats ?apikey without value as missing', async () => {
    expect((await send(suite.url, '/default?apikey')).json().message).toBe(
      'No API key found in request',
    );
  });

  it('answers Unauthorized for an unknown key', async () => {
    expect(
      (await send(suite.url, '/default', { headers: { apikey: 'nope' } })).json().message,
    ).toBe('Unauthorized');
  });

  it('answers Duplicate API key found for a repeated query key', async () => {
    expect((await send(suite.url, '/default?apikey=a&apikey=b')).json().message).toBe(
      'Duplicate API key found',
    );
  });

  it('negotiates the error body from Accept', async () => {
    const res = await send(suite.url, '/default', { headers: { Accept: 'text/plain' } });
    expect(res.body).toBe(
      `No API key found in request\nrequest_id: ${res.headers['x-kong-request-id']}\n`,
    );
  });

  it('puts the realm into WWW-Authenticate', async () => {
    expect((await send(suite.url, '/realm')).headers['www-authenticate']).toBe(
      'Key realm="bazaar"',
    );
  });

  it('removes the key from headers and query with hide_credentials', async () => {
    const echo = echoOf(await send(suite.url, '/hide?apikey=carol-key&keep=1'));
    expect(echo.url).toBe('/?keep=1');
    const viaHeader = echoOf(await send(suite.url, '/hide', { headers: { apikey: 'carol-key' } }));
    expect(viaHeader.headers.apikey).toBeUndefined();
  });

  it('tries key names in order', async () => {
    expect(
      (await send(suite.url, '/names', { headers: { 'X-API-Key': 'carol-key' } })).status,
    ).toBe(200);
  });

  it('ignores the query string when key_in_query is false', async () => {
    expect((await send(suite.url, '/header-only?apikey=carol-key')).status).toBe(401);
  });

  it('falls back to the anonymous consumer', async () => {
    const h = echoOf(await send(suite.url, '/anon')).headers;
    expect(h['x-consumer-username']).toBe('ka-guest');
    expect(h['x-anonymous-consumer']).toBe('true');
  });
});
