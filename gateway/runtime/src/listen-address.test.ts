import { ListenError, parseListen } from './listen-address';

describe('parseListen (Kong listener syntax)', () => {
  it('parses several comma-separated plain listeners with harmless flags', () => {
    expect(
      parseListen('0.0.0.0:8000 reuseport backlog=16384, 127.0.0.1:8001', 'KONG_PROXY_LISTEN'),
    ).toEqual([
      { host: '0.0.0.0', port: 8000, backlog: 16384 },
      { host: '127.0.0.1', port: 8001 },
    ]);
  });

  it('parses bracketed IPv6 addresses', () => {
    expect(parseListen('[::1]:8000', 'KONG_PROXY_LISTEN')).toEqual([{ host: '::1', port: 8000 }]);
  });

  it('treats off as no listener', () => {
    expect(parseListen('off', 'KONG_STATUS_LISTEN')).toEqual([]);
  });

  it('refuses the ssl flag with a message naming the listener', () => {
    expect(() => parseListen('0.0.0.0:8000, 0.0.0.0:8443 ssl', 'KONG_PROXY_LISTEN')).toThrow(
      /KONG_PROXY_LISTEN: the 'ssl' flag on '0.0.0.0:8443' is not supported by bazaar-gateway/,
    );
  });

  it('refuses http2', () => {
    expect(() => parseListen('0.0.0.0:8443 http2 ssl', 'KONG_PROXY_LISTEN')).toThrow(ListenError);
  });

  it('refuses an address without port', () => {
    expect(() => parseListen('localhost', 'KONG_PROXY_LISTEN')).toThrow(/<ip>:<port>/);
  });
});
