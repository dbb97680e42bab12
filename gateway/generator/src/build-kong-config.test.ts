import { buildKongConfig } from './build-kong-config';

const ok = { responses: { '200': { description: 'ok' } } };

function contract(name: string, paths: Record<string, unknown>) {
  return {
    source: `contracts/openapi/${name}.yaml`,
    document: {
      openapi: '3.1.0',
      info: { title: name, version: '1' },
      servers: [{ url: 'http://127.0.0.1:3999' }],
      'x-kong-name': name,
      paths,
    },
  };
}

describe('buildKongConfig', () => {
  it('orders services by name whatever the contract order', () => {
    const config = buildKongConfig([contract('zeta', {}), contract('alpha', {})], []);
    expect(config.services.map((s) => s.name)).toEqual(['alpha', 'zeta']);
  });

  it('refuses two contracts that would produce the same service name', () => {
    expect(() => buildKongConfig([contract('dup', {}), contract('dup', {})], [])).toThrow(
      /service name 'dup' is already used/,
    );
  });

  it('refuses two operations that would produce the same route name', () => {
    const paths = {
      '/a': { get: { operationId: 'same', ...ok } },
      '/b': { get: { operationId: 'same', ...ok } },
    };
    expect(() => buildKongConfig([contract('svc', paths)], [])).toThrow(
      /route name 'svc_same' is already used/,
    );
  });

  it('prefixes conversion errors with the contract file', () => {
    const bad = contract('svc', {});
    (bad.document as Record<string, unknown>).servers = [
      { url: 'http://a:1' },
      { url: 'http://b:1' },
    ];
    expect(() => buildKongConfig([bad], [])).toThrow(/^contracts\/openapi\/svc.yaml: /);
  });
});
