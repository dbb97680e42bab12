import { bindPlugin, fakeContext, testConfig, upstreamHeader } from '../../testing/fake-request';

const config = (pluginConfig: object = {}) =>
  testConfig({
    consumers: [
      { username: 'carol', keyauth_credentials: [{ key: 'secret-key' }] },
      { username: 'guest' },
    ],
    plugins: [{ name: 'key-auth', config: pluginConfig }],
  });

function run(pluginConfig: object, request: { headers?: [string, string][]; url?: string } = {}) {
  const ctx = fakeContext(request);
  bindPlugin(config(pluginConfig), 'key-auth').access!(ctx);
  return ctx;
}

describe('key-auth handler', () => {
  it('authenticates by header and uses the credential id as identifier', () => {
    const ctx = run({}, { headers: [['apikey', 'secret-key']] });
    expect(ctx.exit).toBeUndefined();
    expect(upstreamHeader(ctx, 'X-Credential-Identifier')).toBe(ctx.credential?.id);
  });

  it('answers 401 No API key found in request with WWW-Authenticate: Key', () => {
    const ctx = run({});
    expect(ctx.exit?.status).toBe(401);
    expect(ctx.exit?.body).toContain('"message":"No API key found in request"');
    expect(ctx.exit?.headers).toContainEqual(['WWW-Authenticate', 'Key']);
  });

  it('answers Duplicate API key found for a repeated header', () => {
    expect(
      run(
        {},
        {
          headers: [
            ['apikey', 'a'],
            ['apikey', 'b'],
          ],
        },
      ).exit?.body,
    ).toContain('Duplicate API key found');
  });

  it('answers Unauthorized for an unknown key', () => {
    expect(run({}, { url: '/?apikey=nope' }).exit?.body).toContain('"message":"Unauthorized"');
  });

  it('removes the key from the upstream query with hide_credentials', () => {
    const ctx = run({ hide_credentials: true }, { url: '/?a=1&apikey=secret-key&b=2' });
    expect(ctx.upstreamQuery).toBe('a=1&b=2');
  });

  it('uses the anonymous consumer on failure', () => {
    const ctx = run({ anonymous: 'guest' });
    expect(ctx.consumer?.username).toBe('guest');
    expect(ctx.credential).toBeUndefined();
  });
});
