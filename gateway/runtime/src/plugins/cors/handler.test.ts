import { ResponseHeaders } from '../../proxy/response-headers';
import { bindPlugin, fakeContext, testConfig } from '../../testing/fake-request';
import { normalizeOrigin, OriginRules } from './origin-rules';

const plugin = (config: object) =>
  bindPlugin(testConfig({ plugins: [{ name: 'cors', config }] }), 'cors');

describe('OriginRules', () => {
  it('allows all with no origins or a single *', () => {
    expect(new OriginRules(undefined).decide('http://x')).toEqual({ kind: 'all' });
    expect(new OriginRules(['*']).decide('http://x')).toEqual({ kind: 'all' });
  });

  it('returns a single flat origin verbatim for any request origin', () => {
    expect(new OriginRules(['example.test']).decide('http://other')).toEqual({
      kind: 'origin',
      value: 'example.test',
    });
  });

  it('normalizes default ports away', () => {
    expect(normalizeOrigin('https://a.test:443').domain).toBe('https://a.test');
    expect(normalizeOrigin('http://a.test:8080').domain).toBe('http://a.test:8080');
  });

  it('matches a host-only regex against the host', () => {
    expect(new OriginRules(['.*\\.a\\.test', 'http://b.test']).decide('https://x.a.test')).toEqual({
      kind: 'origin',
      value: 'https://x.a.test',
    });
  });

  it('lets * inside a list allow everything', () => {
    expect(new OriginRules(['http://a.test', '*']).decide('http://z.test')).toEqual({
      kind: 'all',
    });
  });
});

describe('cors handler', () => {
  it('answers a preflight with 200 and no body', () => {
    const ctx = fakeContext({
      method: 'OPTIONS',
      headers: [
        ['Origin', 'http://a.test'],
        ['Access-Control-Request-Method', 'GET'],
      ],
    });
    plugin({ origins: ['http://a.test', 'http://b.test'], max_age: 10 }).access!(ctx);
    expect(ctx.exit?.status).toBe(200);
    expect(ctx.exit?.body).toBeUndefined();
    expect(ctx.exit?.headers).toEqual(
      expect.arrayContaining([
        ['Vary', 'Origin'],
        ['Access-Control-Allow-Origin', 'http://a.test'],
        ['Access-Control-Max-Age', '10'],
      ]),
    );
  });

  it('does not treat OPTIONS without Access-Control-Request-Method as a preflight', () => {
    const ctx = fakeContext({ method: 'OPTIONS', headers: [['Origin', 'http://a.test']] });
    plugin({}).access!(ctx);
    expect(ctx.exit).toBeUndefined();
  });

  it('skips header_filter on a preflight it answered', () => {
    const p = plugin({});
    const ctx = fakeContext({
      method: 'OPTIONS',
      headers: [
        ['Origin', 'http://a.test'],
        ['Access-Control-Request-Method', 'GET'],
      ],
    });
    p.access!(ctx);
    const headers = new ResponseHeaders();
    p.headerFilter!(ctx, headers);
    expect(headers.flat()).toEqual([]);
  });

  it('appends Vary: Origin to the upstream Vary in header_filter', () => {
    const headers = new ResponseHeaders();
    headers.add('Vary', 'Accept');
    plugin({ origins: ['http://a.test'] }).headerFilter!(
      fakeContext({ headers: [['Origin', 'http://a.test']] }),
      headers,
    );
    expect(headers.all('vary')).toEqual(['Accept', 'Origin']);
  });
});
