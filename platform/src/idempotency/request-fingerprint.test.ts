import { canonicalJson, requestFingerprint } from './request-fingerprint';

describe('request fingerprint', () => {
  it('ignores the order of JSON keys at every level', () => {
    expect(requestFingerprint('POST', '/a', { x: 1, y: { b: 2, a: 1 } })).toBe(
      requestFingerprint('post', '/a', { y: { a: 1, b: 2 }, x: 1 }),
    );
  });

  it('differs when the body differs', () => {
    expect(requestFingerprint('POST', '/a', { x: 1 })).not.toBe(
      requestFingerprint('POST', '/a', { x: 2 }),
    );
  });

  it('differs when the path or the method differs', () => {
    const base = requestFingerprint('POST', '/orders/1/pay', {});
    expect(requestFingerprint('POST', '/orders/2/pay', {})).not.toBe(base);
    expect(requestFingerprint('PUT', '/orders/1/pay', {})).not.toBe(base);
  });

  it('keeps array order and drops undefined fields as JSON does', () => {
    expect(canonicalJson({ b: [2, 1], a: undefined, c: null })).toBe('{"b":[2,1],"c":null}');
  });
});
