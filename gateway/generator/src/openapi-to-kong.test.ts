import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { type KongRecord } from './kong-entities';
import { openapiToKong } from './openapi-to-kong';

const FIXTURES = path.join(__dirname, 'fixtures/openapi2kong');

function bazaarDocument(paths: KongRecord, extra: KongRecord = {}): KongRecord {
  return {
    openapi: '3.1.0',
    info: { title: 'Bazaar Demo API', version: '1' },
    servers: [{ url: 'http://127.0.0.1:3999' }],
    'x-kong-name': 'demo',
    paths,
    ...extra,
  };
}

const ok = { responses: { '200': { description: 'ok' } } };

describe('openapiToKong on go-apiops fixtures', () => {
  const inputs = readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml'));

  it('has fixtures to compare against', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(8);
  });

  it.each(inputs)('produces the entities deck file openapi2kong produces for %s', (file) => {
    const document = parse(readFileSync(path.join(FIXTURES, file), 'utf8')) as KongRecord;
    const expected = JSON.parse(
      readFileSync(path.join(FIXTURES, file.replace(/\.yaml$/, '.expected.json')), 'utf8'),
    );
    const service = openapiToKong(document, { tags: ['OAS3_import', `OAS3file_${file}`] });
    const actual = JSON.parse(
      JSON.stringify({ _format_version: '3.0', services: [service], upstreams: [] }),
    );
    expect(actual).toEqual(expected);
  });
});

describe('openapiToKong Bazaar rules', () => {
  const document = bazaarDocument({
    '/api/v1/things': { get: { operationId: 'listThings', ...ok } },
    '/api/v1/things/{thingId}': {
      get: { operationId: 'getThing', ...ok },
      delete: { operationId: 'deleteThing', 'x-internal': true, ...ok },
    },
    '/api/v1/internal-only': { post: { operationId: 'doInternal', 'x-internal': true, ...ok } },
  });

  it('gives x-internal operations no route when skipInternal is set', () => {
    const names = openapiToKong(document, { skipInternal: true }).routes.map((r) => r.name);
    expect(names).not.toContain('demo_deletething');
    expect(names).not.toContain('demo_dointernal');
    expect(names).toContain('demo_getthing');
  });

  it('adds an OPTIONS route per public path with the same regex path and no plugins', () => {
    const routes = openapiToKong(document, { skipInternal: true, preflightRoutes: true }).routes;
    const preflight = routes.find((r) => r.name === 'demo_api-v1-things-thingid_preflight');
    expect(preflight).toMatchObject({
      methods: ['OPTIONS'],
      paths: ['~/api/v1/things/(?<thingid>[^#?/]+)$'],
      plugins: [],
      regex_priority: 100,
      strip_path: false,
    });
  });

  it('adds no preflight route for a path whose operations are all internal', () => {
    const routes = openapiToKong(document, { skipInternal: true, preflightRoutes: true }).routes;
    expect(routes.filter((r) => r.paths[0] === '~/api/v1/internal-only$')).toEqual([]);
  });

  it('puts document plugins on the service and resolves x-kong $refs on operations', () => {
    const service = openapiToKong(
      bazaarDocument(
        {
          '/a': {
            get: {
              operationId: 'getA',
              'x-kong-plugin-jwt': { $ref: '#/components/x-kong/jwt' },
              ...ok,
            },
          },
        },
        {
          'x-kong-plugin-rate-limiting': { config: { minute: 5 } },
          components: { 'x-kong': { jwt: { config: { key_claim_name: 'iss' } } } },
        },
      ),
    );
    expect(service.plugins.map((p) => p.name)).toEqual(['rate-limiting']);
    expect(service.routes[0]!.plugins).toEqual([
      expect.objectContaining({ name: 'jwt', config: { key_claim_name: 'iss' } }),
    ]);
  });

  it('refuses a $ref outside #/components/x-kong, naming the operation', () => {
    const bad = bazaarDocument({
      '/a': {
        get: {
          operationId: 'getA',
          'x-kong-plugin-jwt': { $ref: '#/components/schemas/X' },
          ...ok,
        },
      },
    });
    expect(() => openapiToKong(bad)).toThrow(
      /\/a GET: x-kong-plugin-jwt: all 'x-kong-\.\.\.' references/,
    );
  });

  it('refuses several servers, which would need an upstream entity', () => {
    const bad = bazaarDocument({}, { servers: [{ url: 'http://a:1' }, { url: 'http://b:1' }] });
    expect(() => openapiToKong(bad)).toThrow(/several servers need a Kong upstream entity/);
  });

  it('refuses path-level servers instead of silently creating another service', () => {
    const bad = bazaarDocument({ '/a': { servers: [{ url: 'http://x:1' }], get: ok } });
    expect(() => openapiToKong(bad)).toThrow(/\/a: path-level servers is not supported/);
  });

  it('refuses the request-validator plugin, whose schemas openapi2kong would generate', () => {
    const bad = bazaarDocument({}, { 'x-kong-plugin-request-validator': { config: {} } });
    expect(() => openapiToKong(bad)).toThrow(/x-kong-plugin-request-validator is not supported/);
  });

  it('refuses a required enum header, which openapi2kong would route by', () => {
    const bad = bazaarDocument({
      '/a': {
        get: {
          operationId: 'getA',
          parameters: [{ name: 'X-V', in: 'header', required: true, schema: { enum: ['1', '2'] } }],
          ...ok,
        },
      },
    });
    expect(() => openapiToKong(bad)).toThrow(/required header 'X-V' with an enum/);
  });

  it('refuses consumer-scoped plugins and points to the overlays', () => {
    const bad = bazaarDocument({}, { 'x-kong-plugin-acl': { consumer: 'x', config: {} } });
    expect(() => openapiToKong(bad)).toThrow(
      /consumer-scoped plugins are not supported.*kong\/overlays/,
    );
  });
});
