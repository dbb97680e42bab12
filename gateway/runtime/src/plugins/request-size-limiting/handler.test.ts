import { bindPlugin, fakeContext, testConfig } from '../../testing/fake-request';

const plugin = (config: object) =>
  bindPlugin(
    testConfig({ plugins: [{ name: 'request-size-limiting', config }] }),
    'request-size-limiting',
  );

describe('request-size-limiting handler', () => {
  it('passes a Content-Length equal to the limit', () => {
    const ctx = fakeContext({ method: 'POST', headers: [['Content-Length', '1024']] });
    plugin({ allowed_payload_size: 1, size_unit: 'kilobytes' }).access!(ctx);
    expect(ctx.exit).toBeUndefined();
  });

  it('rejects one byte over with 413', () => {
    const ctx = fakeContext({ method: 'POST', headers: [['Content-Length', '1025']] });
    plugin({ allowed_payload_size: 1, size_unit: 'kilobytes' }).access!(ctx);
    expect(ctx.exit?.status).toBe(413);
    expect(ctx.exit?.body).toContain('Request size limit exceeded');
  });

  it('answers 417 when the client expects 100-continue', () => {
    const ctx = fakeContext({
      method: 'POST',
      headers: [
        ['Content-Length', '20'],
        ['Expect', '100-Continue '],
      ],
    });
    plugin({ allowed_payload_size: 10, size_unit: 'bytes' }).access!(ctx);
    expect(ctx.exit?.status).toBe(417);
  });

  it('reads megabytes as 2^20 bytes', () => {
    const ctx = fakeContext({ method: 'POST', headers: [['Content-Length', String(1048577)]] });
    plugin({ allowed_payload_size: 1 }).access!(ctx);
    expect(ctx.exit?.status).toBe(413);
  });

  it('answers 411 without Content-Length when it is required', () => {
    const ctx = fakeContext({ method: 'POST' });
    plugin({ require_content_length: true }).access!(ctx);
    expect(ctx.exit?.status).toBe(411);
  });

  it('measures an already buffered body', () => {
    const ctx = fakeContext({ method: 'POST', headers: [['Transfer-Encoding', 'chunked']] });
    ctx.bufferedBody = Buffer.alloc(11);
    plugin({ allowed_payload_size: 10, size_unit: 'bytes' }).access!(ctx);
    expect(ctx.exit?.status).toBe(413);
  });
});
