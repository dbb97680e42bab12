import path from 'node:path';
import { loadOpenApiDir } from './contract-load';
import { formatBreaking } from './contract-types';
import { CREATE, GET, LIST, breaking } from './fixtures/openapi-breaking-cases';
import { at, sampleOpenApi } from './fixtures/sample-openapi';
import { diffOpenApi } from './openapi-breaking';

describe('OpenAPI breaking changes: operations, parameters, responses, access', () => {
  test('a document compared with itself has no breaking change', () => {
    expect(breaking(() => {})).toEqual([]);
  });

  test('a removed operation breaks', () => {
    expect(breaking((doc) => delete at(doc, 'paths', '/api/v1/items').get)).toEqual([
      'items GET /api/v1/items #/paths/~1api~1v1~1items/get: operation removed',
    ]);
  });

  test('a renamed operationId breaks (it names the SDK method and the route)', () => {
    expect(breaking((doc) => (at(doc, ...LIST).operationId = 'searchItems'))).toEqual([
      'items GET /api/v1/items #/paths/~1api~1v1~1items/get/operationId: operationId renamed from listItems to searchItems (SDK method and route name)',
    ]);
  });

  test('a removed path parameter (the path changed) breaks as a removed operation', () => {
    const found = breaking((doc) => {
      const paths = at(doc, 'paths');
      paths['/api/v1/items/current'] = { get: at(paths, '/api/v1/items/{itemId}', 'get') };
      delete paths['/api/v1/items/{itemId}'];
    });
    expect(found).toEqual([
      'items GET /api/v1/items/{itemId} #/paths/~1api~1v1~1items~1{itemId}/get: operation removed',
    ]);
  });

  test('renaming a path parameter changes nothing for clients', () => {
    const found = breaking((doc) => {
      const paths = at(doc, 'paths');
      const item = at(paths, '/api/v1/items/{itemId}');
      at(item, 'parameters', '0').name = 'id';
      paths['/api/v1/items/{id}'] = item;
      delete paths['/api/v1/items/{itemId}'];
    });
    expect(found).toEqual([]);
  });

  test('a removed query parameter breaks', () => {
    expect(breaking((doc) => (at(doc, ...LIST).parameters as unknown[]).shift())).toEqual([
      "items GET /api/v1/items #/paths/~1api~1v1~1items/get/parameters/0: query parameter 'q' removed",
    ]);
  });

  test('a removed header parameter breaks', () => {
    expect(breaking((doc) => (at(doc, ...LIST).parameters as unknown[]).pop())).toEqual([
      "items GET /api/v1/items #/paths/~1api~1v1~1items/get/parameters/1: header parameter 'Correlation-Id' removed",
    ]);
  });

  test('a parameter that became required breaks', () => {
    expect(breaking((doc) => (at(doc, ...LIST, 'parameters', '0').required = true))).toEqual([
      "items GET /api/v1/items #/paths/~1api~1v1~1items/get/parameters/0: query parameter 'q' became required",
    ]);
  });

  test('a new required parameter breaks', () => {
    const idempotencyKey = {
      name: 'Idempotency-Key',
      in: 'header',
      required: true,
      schema: { type: 'string' },
    };
    expect(
      breaking((doc) => (at(doc, ...CREATE).parameters as unknown[]).push(idempotencyKey)),
    ).toEqual([
      "items POST /api/v1/items #/paths/~1api~1v1~1items/post/parameters/1: new required header parameter 'Idempotency-Key'",
    ]);
  });

  test('a removed response status breaks', () => {
    expect(breaking((doc) => delete at(doc, ...GET, 'responses')['404'])).toEqual([
      'items GET /api/v1/items/{itemId} #/paths/~1api~1v1~1items~1{itemId}/get/responses/404: response 404 removed',
    ]);
  });

  test('a removed response media type breaks', () => {
    expect(
      breaking(
        (doc) =>
          (at(doc, ...GET, 'responses', '200').content = { 'application/xml': { schema: {} } }),
      ),
    ).toEqual([
      'items GET /api/v1/items/{itemId} #/paths/~1api~1v1~1items~1{itemId}/get/responses/200/content/application~1json: media type application/json removed',
    ]);
  });

  test('a removed response header breaks', () => {
    expect(breaking((doc) => delete at(doc, ...CREATE, 'responses', '201').headers)).toEqual([
      "items POST /api/v1/items #/paths/~1api~1v1~1items/post/responses/201/headers/Location: response header 'Location' removed",
    ]);
  });

  test('a removed security scheme breaks', () => {
    expect(
      breaking(
        (doc) =>
          (at(doc, 'components').securitySchemes = {
            apiKey: { type: 'apiKey', in: 'header', name: 'X-Key' },
          }),
      ),
    ).toEqual(
      expect.arrayContaining([
        "items (document) #/components/securitySchemes/bearerAuth: security scheme 'bearerAuth' removed",
      ]),
    );
  });

  test('an operation that became secured breaks', () => {
    expect(breaking((doc) => (at(doc, ...LIST).security = [{ bearerAuth: [] }]))).toEqual([
      'items GET /api/v1/items #/paths/~1api~1v1~1items/get/security: operation became secured (now requires a token)',
    ]);
  });

  test('an operation that became role-limited breaks', () => {
    expect(breaking((doc) => (at(doc, ...GET)['x-bazaar-roles'] = ['admin']))).toEqual([
      'items GET /api/v1/items/{itemId} #/paths/~1api~1v1~1items~1{itemId}/get/x-bazaar-roles: operation became role-limited to [admin]',
    ]);
  });

  test('a role removed from the allowed roles breaks', () => {
    const base = sampleOpenApi();
    at(base, ...CREATE)['x-bazaar-roles'] = ['admin', 'service'];
    const next = sampleOpenApi();
    expect(diffOpenApi('items', base, next).map(formatBreaking)).toEqual([
      "items POST /api/v1/items #/paths/~1api~1v1~1items/post/x-bazaar-roles: role 'service' no longer allowed",
    ]);
  });

  test('an operation that became internal breaks (it leaves the gateway and the SDK)', () => {
    expect(breaking((doc) => (at(doc, ...LIST)['x-internal'] = true))).toEqual([
      'items GET /api/v1/items #/paths/~1api~1v1~1items/get/x-internal: operation became internal (no gateway route, left out of the SDK)',
    ]);
  });

  test('a deleted document removes every operation', () => {
    const found = diffOpenApi('items', sampleOpenApi(), undefined).map(
      (c) => `${c.subject}: ${c.message}`,
    );
    expect(found).toEqual([
      'GET /api/v1/items: operation removed (the document was deleted)',
      'POST /api/v1/items: operation removed (the document was deleted)',
      'GET /api/v1/items/{itemId}: operation removed (the document was deleted)',
      'POST webhook itemChanged: operation removed (the document was deleted)',
    ]);
  });

  test('a document absent from the baseline is entirely new', () => {
    expect(diffOpenApi('items', undefined, sampleOpenApi())).toEqual([]);
  });

  test('direction: a webhook payload is read by subscribers, so removing a field breaks and requiring one does not', () => {
    const payload = [
      'webhooks',
      'itemChanged',
      'post',
      'requestBody',
      'content',
      'application/json',
      'schema',
    ];
    const removed = breaking((doc) => {
      delete at(doc, ...payload, 'properties').status;
      at(doc, ...payload).required = ['itemId'];
    });
    expect(removed).toEqual([
      "items POST webhook itemChanged #/webhooks/itemChanged/post/requestBody/content/application~1json/schema/properties/status: property 'status' removed",
    ]);
    const required = breaking((doc) => {
      at(doc, ...payload, 'properties').occurredAt = { type: 'string' };
      (at(doc, ...payload).required as string[]).push('occurredAt');
    });
    expect(required).toEqual([]);
  });

  test('refs across files are resolved and a recursive schema is walked once', async () => {
    const fixtures = path.join(__dirname, 'fixtures', 'refs');
    const [v1, v2] = await Promise.all([
      loadOpenApiDir(path.join(fixtures, 'v1', 'openapi')),
      loadOpenApiDir(path.join(fixtures, 'v2', 'openapi')),
    ]);
    expect([...v1.errors, ...v2.errors]).toEqual([]);
    const schema =
      '#/paths/~1api~1v1~1categories~1{categoryId}/get/responses/200/content/application~1json/schema';
    expect(diffOpenApi('shop', v1.docs[0]?.doc, v2.docs[0]?.doc).map(formatBreaking)).toEqual([
      `shop GET /api/v1/categories/{categoryId} ${schema}/properties/name: property 'name' became optional`,
      `shop GET /api/v1/categories/{categoryId} ${schema}/properties/price/properties/amount: type changed from integer to string`,
    ]);
  });
});
