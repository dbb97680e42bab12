/**
 * Declarative config conformance (kong-gateway.md A1): configs Kong rejects are rejected with
 * Kong's message, and configs this gateway cannot honour exactly are refused at start-up with the
 * entity and field named. Against real Kong only the rejection itself is checked (its 400 body
 * differs in shape); our messages are checked against our runtime.
 */
import { refusal, targetKind } from './support/gateway-target';

const service = {
  name: 'cv',
  url: 'http://127.0.0.1:9',
  routes: [{ name: 'cv-r', paths: ['/cv'] }],
};

async function refused(config: object, ours: string, kongRefusesToo = true): Promise<void> {
  if (targetKind === 'kong' && !kongRefusesToo) return;
  const message = await refusal({ _format_version: '3.0', ...config });
  if (targetKind === 'runtime') expect(message).toContain(ours);
}

describe("Kong's own validation rules", () => {
  it('requires _format_version', async () => {
    const message = await refusal({ services: [] });
    if (targetKind === 'runtime')
      expect(message).toContain('_format_version: required field missing');
  });

  it('rejects a numeric _format_version', async () => {
    const message = await refusal({ _format_version: 3.0 });
    if (targetKind === 'runtime') expect(message).toContain('_format_version: expected a string');
  });

  it('rejects unknown entity fields', async () => {
    await refused(
      { services: [{ ...service, colour: 'blue' }] },
      'services[cv].colour: unknown field',
    );
  });

  it('rejects a plugin that is not enabled', async () => {
    await refused(
      { services: [{ ...service, plugins: [{ name: 'no-such-plugin' }] }] },
      "services[cv].plugins[no-such-plugin].name: plugin 'no-such-plugin' not enabled; add it to the 'plugins' configuration property",
    );
  });

  it('rejects a broken reference', async () => {
    await refused(
      { services: [service], plugins: [{ name: 'cors', service: 'ghost' }] },
      "plugins[cors]: invalid reference 'service: ghost' (no such entry in 'services')",
    );
  });

  it('rejects duplicate service names', async () => {
    await refused(
      { services: [service, { ...service, routes: [] }] },
      "uniqueness violation: 'services' entity with name set to 'cv' already declared",
    );
  });

  it('rejects a consumer reference on a plugin nested under a service', async () => {
    await refused(
      {
        consumers: [{ username: 'u' }],
        services: [
          {
            ...service,
            plugins: [{ name: 'rate-limiting', consumer: 'u', config: { minute: 1 } }],
          },
        ],
      },
      'services[cv].plugins[rate-limiting].consumer: value must be null',
    );
  });

  it('rejects a non-normalized prefix path', async () => {
    await refused(
      { services: [{ ...service, routes: [{ name: 'x', paths: ['/a/../b'] }] }] },
      "services[cv].routes[x].paths[0]: non-normalized path, consider use '/b' instead",
    );
  });

  it('rejects empty path segments', async () => {
    await refused(
      { services: [{ ...service, routes: [{ name: 'x', paths: ['/a//b'] }] }] },
      'must not have empty segments',
    );
  });

  it('rejects regexes the Rust regex crate cannot compile (look-around)', async () => {
    await refused(
      { services: [{ ...service, routes: [{ name: 'x', paths: ['~/a(?=b)'] }] }] },
      'services[cv].routes[x].paths[0]: invalid regex',
    );
  });

  it('rejects a rate-limiting config without any window', async () => {
    await refused(
      { services: [{ ...service, plugins: [{ name: 'rate-limiting', config: {} }] }] },
      "at least one of these fields must be non-empty: 'config.second', 'config.minute', 'config.hour', 'config.day', 'config.month', 'config.year'",
    );
  });

  it('rejects a longer window with a smaller limit', async () => {
    await refused(
      {
        services: [
          { ...service, plugins: [{ name: 'rate-limiting', config: { second: 20, hour: 10 } }] },
        ],
      },
      'The limit for hour(10.0) cannot be lower than the limit for second(20.0)',
    );
  });

  it('rejects the cluster policy in DB-less mode', async () => {
    await refused(
      {
        services: [
          {
            ...service,
            plugins: [{ name: 'rate-limiting', config: { minute: 1, policy: 'cluster' } }],
          },
        ],
      },
      'config.policy: expected one of: local, redis',
    );
  });

  it('rejects jwt maximum_expiration without exp in claims_to_verify', async () => {
    await refused(
      {
        services: [{ ...service, plugins: [{ name: 'jwt', config: { maximum_expiration: 10 } }] }],
      },
      'config.claims_to_verify: expected to contain: exp',
    );
  });

  it('rejects an RS256 jwt secret without public key', async () => {
    await refused(
      { consumers: [{ username: 'u', jwt_secrets: [{ key: 'k', algorithm: 'RS256' }] }] },
      'consumers[u].jwt_secrets[0].rsa_public_key: required field missing',
    );
  });

  it('rejects cors methods outside the allowed list', async () => {
    await refused(
      { services: [{ ...service, plugins: [{ name: 'cors', config: { methods: ['FETCH'] } }] }] },
      'expected one of: GET, HEAD, PUT, PATCH, POST, DELETE, OPTIONS, TRACE, CONNECT',
    );
  });

  it('rejects acl with both allow and deny', async () => {
    await refused(
      {
        services: [
          { ...service, plugins: [{ name: 'acl', config: { allow: ['a'], deny: ['b'] } }] },
        ],
      },
      "exactly one of these fields must be non-empty: 'config.allow', 'config.deny'",
    );
  });
});

describe('configs bazaar-gateway cannot honour exactly', () => {
  it('refuses redis sync_rate > 0, naming the field', async () => {
    await refused(
      {
        services: [
          {
            ...service,
            routes: [
              {
                name: 'catalog_getproduct',
                paths: ['/p'],
                plugins: [
                  {
                    name: 'rate-limiting',
                    config: {
                      minute: 5,
                      policy: 'redis',
                      sync_rate: 1,
                      redis: { host: '127.0.0.1' },
                    },
                  },
                ],
              },
            ],
          },
        ],
      },
      'services[cv].routes[catalog_getproduct].plugins[rate-limiting].config.sync_rate: sync_rate > 0 is not supported by bazaar-gateway',
      false,
    );
  });

  it('refuses grpc route protocols', async () => {
    await refused(
      { services: [{ ...service, routes: [{ name: 'g', paths: ['/g'], protocols: ['grpc'] }] }] },
      'services[cv].routes[g].protocols: protocol grpc is not supported by bazaar-gateway',
      false,
    );
  });

  it('refuses upstream entities', async () => {
    await refused(
      { upstreams: [{ name: 'u.upstream', targets: [{ target: '127.0.0.1:9' }] }] },
      "upstreams: entity 'upstreams' is not supported by bazaar-gateway",
      false,
    );
  });

  it('accepts an empty upstreams list, as openapi2kong emits it', async () => {
    if (targetKind === 'kong') return;
    await expect(
      refusal({ _format_version: '3.0', upstreams: [], services: [service] }),
    ).rejects.toThrow('started with a config that should be refused');
  });

  it('refuses key-auth key_in_body', async () => {
    await refused(
      {
        services: [{ ...service, plugins: [{ name: 'key-auth', config: { key_in_body: true } }] }],
      },
      'config.key_in_body: key_in_body: true is not supported by bazaar-gateway',
      false,
    );
  });

  it('refuses _format_version 1.1 files, which Kong would migrate', async () => {
    await refused(
      { _format_version: '1.1' },
      '_format_version: "1.1" (which Kong migrates on load) is not supported',
      false,
    );
  });

  it('lists every problem at once', async () => {
    if (targetKind === 'kong') return;
    const message = await refusal({
      _format_version: '3.0',
      services: [{ ...service, colour: 'x', retries: -1 }],
    });
    expect(message).toContain('services[cv].colour: unknown field');
    expect(message).toContain('services[cv].retries: value should be between 0 and 32767');
  });
});
