import { fakeContext, bindPlugin, testConfig, upstreamHeader } from '../../testing/fake-request';
import { ResponseHeaders } from '../../proxy/response-headers';

const plugin = (config: object = {}) =>
  bindPlugin(testConfig({ plugins: [{ name: 'correlation-id', config }] }), 'correlation-id');

describe('correlation-id handler', () => {
  it('sets a generated uuid#counter id upstream when none came in', () => {
    const ctx = fakeContext();
    plugin().access!(ctx);
    expect(upstreamHeader(ctx, 'Kong-Request-ID')).toMatch(/^[0-9a-f-]{36}#\d+$/);
  });

  it('increments the counter per request with the same worker uuid', () => {
    const p = plugin();
    const a = fakeContext();
    const b = fakeContext();
    p.access!(a);
    p.access!(b);
    const [uuidA, nA] = String(upstreamHeader(a, 'Kong-Request-ID')).split('#');
    const [uuidB, nB] = String(upstreamHeader(b, 'Kong-Request-ID')).split('#');
    expect(uuidB).toBe(uuidA);
    expect(Number(nB)).toBe(Number(nA) + 1);
  });

  it('keeps an incoming id and does not set it again', () => {
    const ctx = fakeContext({ headers: [['Kong-Request-ID', 'abc']] });
    plugin().access!(ctx);
    expect(upstreamHeader(ctx, 'Kong-Request-ID')).toBeUndefined();
  });

  it('treats a whitespace-only id as absent', () => {
    const ctx = fakeContext({ headers: [['Kong-Request-ID', '  ']] });
    plugin().access!(ctx);
    expect(upstreamHeader(ctx, 'Kong-Request-ID')).toBeDefined();
  });

  it('echoes the access-phase id downstream with echo_downstream', () => {
    const p = plugin({ echo_downstream: true, generator: 'uuid' });
    const ctx = fakeContext();
    p.access!(ctx);
    const headers = new ResponseHeaders();
    p.headerFilter!(ctx, headers);
    expect(headers.get('Kong-Request-ID')).toBe(upstreamHeader(ctx, 'Kong-Request-ID'));
  });

  it('generates an id in header_filter when access never ran', () => {
    const headers = new ResponseHeaders();
    plugin({ echo_downstream: true }).headerFilter!(fakeContext(), headers);
    expect(headers.get('Kong-Request-ID')).toMatch(/#\d+$/);
  });

  it('sets nothing downstream without echo_downstream', () => {
    const headers = new ResponseHeaders();
    plugin().headerFilter!(fakeContext(), headers);
    expect(headers.flat()).toEqual([]);
  });
});
