import { resolveSettings, SettingsError } from './gateway-settings';

describe('resolveSettings', () => {
  it('reads KONG_DECLARATIVE_CONFIG and KONG_PROXY_LISTEN', () => {
    const s = resolveSettings([], {
      KONG_DECLARATIVE_CONFIG: '/k.yml',
      KONG_PROXY_LISTEN: '127.0.0.1:9000',
    });
    expect(s.configPath).toBe('/k.yml');
    expect(s.listen).toEqual([{ host: '127.0.0.1', port: 9000 }]);
  });

  it('lets flags win over the environment', () => {
    const s = resolveSettings(['--config', '/flag.yml', '--listen=127.0.0.1:9001'], {
      KONG_DECLARATIVE_CONFIG: '/env.yml',
      KONG_PROXY_LISTEN: '127.0.0.1:9000',
    });
    expect(s.configPath).toBe('/flag.yml');
    expect(s.listen[0]?.port).toBe(9001);
  });

  it('defaults to 0.0.0.0:8000 and no status listener', () => {
    const s = resolveSettings(['--config', '/k.yml'], {});
    expect(s.listen).toEqual([{ host: '0.0.0.0', port: 8000 }]);
    expect(s.statusListen).toEqual([]);
  });

  it('refuses a start without config', () => {
    expect(() => resolveSettings([], {})).toThrow(/KONG_DECLARATIVE_CONFIG/);
  });

  it('refuses Kong settings it does not implement', () => {
    expect(() => resolveSettings(['--config', 'k'], { KONG_DATABASE: 'postgres' })).toThrow(
      'KONG_DATABASE=postgres is not supported by bazaar-gateway',
    );
  });

  it('refuses an ssl listener in KONG_PROXY_LISTEN', () => {
    expect(() =>
      resolveSettings(['--config', 'k'], { KONG_PROXY_LISTEN: '0.0.0.0:8000, 0.0.0.0:8443 ssl' }),
    ).toThrow(SettingsError);
  });

  it('reports other KONG_ variables as ignored', () => {
    expect(
      resolveSettings(['--config', 'k'], { KONG_ADMIN_LISTEN: '0.0.0.0:8001' }).ignored,
    ).toEqual(['KONG_ADMIN_LISTEN']);
  });

  it('refuses unknown options', () => {
    expect(() => resolveSettings(['--config', 'k', '--verbose'], {})).toThrow(
      'unknown option --verbose',
    );
  });
});
