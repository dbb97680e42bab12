import { idFromCacheKey, idFromEndpointKey } from './entity-ids';
import { ConfigError, parseDeclarativeConfig } from './load-config';

const load = (doc: object) =>
  parseDeclarativeConfig(JSON.stringify({ _format_version: '3.0', ...doc }), 'test.yml');

function refusal(doc: object): string {
  try {
    load(doc);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('config was accepted');
}

describe('declarative config loading', () => {
  it('expands the url shorthand into protocol, host, port and path', () => {
    const [svc] = load({ services: [{ name: 's', url: 'https://api.test/v1' }] }).services;
    expect(svc).toMatchObject({ protocol: 'https', host: 'api.test', port: 443, path: '/v1' });
  });

  it('defaults a url without scheme on port 443 to https', () => {
    expect(load({ services: [{ name: 's', url: '//api.test:443' }] }).services[0]).toMatchObject({
      protocol: 'https',
      port: 443,
    });
  });

  it("fills Kong's defaults for services and routes", () => {
    const cfg = load({
      services: [{ name: 's', host: 'h.test', routes: [{ name: 'r', paths: ['/'] }] }],
    });
    expect(cfg.services[0]).toMatchObject({
      protocol: 'http',
      port: 80,
      retries: 5,
      connect_timeout: 60000,
      enabled: true,
    });
    expect(cfg.routes[0]).toMatchObject({
      protocols: ['http', 'https'],
      strip_path: true,
      preserve_host: false,
      regex_priority: 0,
      path_handling: 'v0',
      https_redirect_status_code: 426,
    });
  });

  it('derives ids with UUIDv5 from names, like Kong', () => {
    const cfg = load({
      services: [{ name: 'catalog', host: 'h.test', routes: [{ name: 'get', paths: ['/'] }] }],
    });
    expect(cfg.services[0]!.id).toBe(idFromEndpointKey('services', 'catalog'));
    expect(cfg.routes[0]!.id).toBe(idFromEndpointKey('routes', 'get'));
    expect(cfg.routes[0]!.serviceId).toBe(cfg.services[0]!.id);
  });

  it("derives plugin ids from Kong's cache key (name, route, service, consumer)", () => {
    const cfg = load({ services: [{ name: 's', host: 'h.test', plugins: [{ name: 'cors' }] }] });
    const serviceId = idFromEndpointKey('services', 's');
    expect(cfg.plugins[0]!.id).toBe(idFromCacheKey('plugins', ['cors', '', serviceId, '']));
  });

  it('keeps explicit ids', () => {
    const id = '3f1c2a52-7e59-4a58-9d0e-2b8a4e8f0c11';
    expect(load({ services: [{ id, name: 's', host: 'h.test' }] }).services[0]!.id).toBe(id);
  });

  it('resolves top-level references by name or id', () => {
    const cfg = load({
      services: [{ name: 's', host: 'h.test' }],
      routes: [{ name: 'r', service: 's', paths: ['/'] }],
      consumers: [{ username: 'u' }],
      plugins: [
        {
          name: 'rate-limiting',
          route: 'r',
          consumer: idFromEndpointKey('consumers', 'u'),
          config: { minute: 1 },
        },
      ],
    });
    expect(cfg.routes[0]!.serviceId).toBe(cfg.services[0]!.id);
    expect(cfg.plugins[0]!.consumerId).toBe(cfg.consumers[0]!.id);
  });

  it('attaches nested credentials to their consumer', () => {
    const cfg = load({
      consumers: [
        { username: 'u', jwt_secrets: [{ key: 'k', secret: 's' }], acls: [{ group: 'g' }] },
      ],
    });
    expect(cfg.jwtSecrets[0]!.consumerId).toBe(cfg.consumers[0]!.id);
    expect(cfg.acls[0]!.consumerId).toBe(cfg.consumers[0]!.id);
    expect(cfg.jwtSecrets[0]!.algorithm).toBe('HS256');
  });

  it('generates a jwt secret key and secret when absent', () => {
    const [secret] = load({ consumers: [{ username: 'u', jwt_secrets: [{}] }] }).jwtSecrets;
    expect(secret!.key).toMatch(/^[0-9a-f]{32}$/);
    expect(secret!.secret).toMatch(/^[0-9a-f]{32}$/);
  });

  it('freezes the loaded config', () => {
    const cfg = load({ services: [{ name: 's', host: 'h.test' }] });
    expect(Object.isFrozen(cfg.services[0])).toBe(true);
  });

  it('parses YAML, where 1.1 is a number and so an invalid _format_version', () => {
    expect(() => parseDeclarativeConfig('_format_version: 1.1\n', 'k.yml')).toThrow(
      '_format_version: expected a string',
    );
  });

  it('rejects duplicate YAML keys', () => {
    expect(() =>
      parseDeclarativeConfig('_format_version: "3.0"\nservices: []\nservices: []\n', 'k.yml'),
    ).toThrow(ConfigError);
  });
});

describe('declarative config refusals', () => {
  it('refuses two instances of a plugin for the same scope', () => {
    expect(
      refusal({
        services: [{ name: 's', host: 'h.test', plugins: [{ name: 'cors' }] }],
        plugins: [{ name: 'cors', service: 's' }],
      }),
    ).toContain("uniqueness violation: 'plugins' entity with name set to 'cors' already declared");
  });

  it('refuses a consumer scope on plugins that cannot have one', () => {
    expect(
      refusal({ consumers: [{ username: 'u' }], plugins: [{ name: 'jwt', consumer: 'u' }] }),
    ).toContain('plugins[jwt].consumer: value must be null');
  });

  it('refuses a route header named host', () => {
    expect(refusal({ routes: [{ name: 'r', headers: { Host: ['x'] } }] })).toContain(
      "cannot contain 'host' header",
    );
  });

  it('refuses a route without any match field', () => {
    expect(refusal({ routes: [{ name: 'r' }] })).toContain(
      "must set one of 'methods', 'hosts', 'headers', 'paths', 'snis'",
    );
  });

  it('refuses service hosts with a port', () => {
    expect(refusal({ services: [{ name: 's', host: 'h.test:80' }] })).toContain(
      'services[s].host: must not have a port',
    );
  });

  it('refuses upstream TLS verification it does not implement', () => {
    expect(
      refusal({ services: [{ name: 's', url: 'https://h.test', tls_verify: true }] }),
    ).toContain('services[s].tls_verify: tls_verify is not supported by bazaar-gateway');
  });

  it('refuses unknown top-level keys', () => {
    expect(refusal({ _info: { select_tags: [] } })).toContain('_info: unknown field');
  });

  it('refuses consumers without username and custom_id', () => {
    expect(refusal({ consumers: [{ tags: ['x'] }] })).toContain(
      "at least one of these fields must be non-empty: 'custom_id', 'username'",
    );
  });
});
