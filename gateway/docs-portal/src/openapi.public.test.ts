import type { OpenApiDocument } from '../../../tools/codegen/lib/openapi-model';
import { rateLimitsOf, toPublicDocument } from './openapi.public';

const GATEWAY = 'http://localhost:8000';

function contract(): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: { title: 'Bazaar Demo API', version: '1.0.0' },
    servers: [{ url: 'http://127.0.0.1:3999' }],
    tags: [{ name: 'Things' }, { name: 'Internal' }],
    'x-kong-name': 'demo',
    'x-kong-plugin-rate-limiting': { config: { minute: 60, limit_by: 'consumer' } },
    paths: {
      '/api/v1/things': {
        servers: [{ url: 'http://127.0.0.1:3999' }],
        get: { operationId: 'listThings', tags: ['Things'], summary: 'List things', responses: {} },
        post: {
          operationId: 'createThing',
          tags: ['Things'],
          summary: 'Create a thing',
          description: 'Makes one.',
          'x-bazaar-roles': ['admin', 'service'],
          'x-kong-plugin-jwt': { $ref: '#/components/x-kong/jwt' },
          'x-kong-plugin-rate-limiting': { config: { minute: 5, hour: 50, limit_by: 'ip' } },
          responses: {},
        },
      },
      '/api/v1/secrets': {
        post: {
          operationId: 'mintSecret',
          tags: ['Internal'],
          summary: 'Mint a secret',
          'x-internal': true,
          requestBody: {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Secret' } } },
          },
          responses: {},
        },
      },
    },
    components: {
      schemas: { Secret: { type: 'object' } },
      'x-kong': { jwt: { config: { claims_to_verify: ['exp'] } } },
    },
  };
}

describe('the public OpenAPI document', () => {
  it('names the gateway as the only server, at every level', () => {
    const doc = toPublicDocument(contract(), GATEWAY);
    expect(doc.servers).toEqual([expect.objectContaining({ url: GATEWAY })]);
    expect(doc.paths['/api/v1/things']!.servers).toBeUndefined();
  });

  it('leaves out x-internal operations, the components only they use, and their empty tags', () => {
    const doc = toPublicDocument(contract(), GATEWAY);
    expect(Object.keys(doc.paths)).toEqual(['/api/v1/things']);
    expect(doc.components?.schemas?.Secret).toBeUndefined();
    expect(doc.tags).toEqual([{ name: 'Things' }]);
  });

  it('drops the x-kong gateway policy from the document, operations and components', () => {
    expect(JSON.stringify(toPublicDocument(contract(), GATEWAY))).not.toContain('x-kong');
  });

  it('states the roles an operation requires in its description, leaving out the service role', () => {
    const post = toPublicDocument(contract(), GATEWAY).paths['/api/v1/things']!.post as {
      description: string;
    };
    expect(post.description).toBe('**Requires the `admin` role.**\n\nMakes one.');
  });

  it('leaves the contract it was given untouched', () => {
    const original = contract();
    toPublicDocument(original, GATEWAY);
    expect(original).toEqual(contract());
  });

  it('reads the service-wide and per-operation rate limits from the contract', () => {
    expect(rateLimitsOf(contract())).toEqual([
      { operationId: undefined, windows: { minute: 60 }, limitBy: 'consumer' },
      { operationId: 'createThing', windows: { minute: 5, hour: 50 }, limitBy: 'ip' },
    ]);
  });
});
