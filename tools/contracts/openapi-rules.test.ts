import { type JsonObject } from './contract-types';
import { GATEWAY_ERROR, PROBLEM, at, sampleOpenApi } from './fixtures/sample-openapi';
import { checkDocumentRules, checkUniqueOperationIds } from './openapi-rules';

const LIST = ['paths', '/api/v1/items', 'get'];
const CREATE = ['paths', '/api/v1/items', 'post'];
const GET = ['paths', '/api/v1/items/{itemId}', 'get'];

function violations(change: (doc: JsonObject) => void, name = 'items'): string[] {
  const doc = sampleOpenApi();
  change(doc);
  return checkDocumentRules({ name, doc, problem: PROBLEM, gatewayError: GATEWAY_ERROR }).map(
    (v) => `${v.rule} ${v.pointer}: ${v.message}`,
  );
}

describe('Bazaar OpenAPI rules', () => {
  test('the sample document breaks no rule', () => {
    expect(violations(() => {})).toEqual([]);
  });

  test('an error response in application/json instead of problem+json is rejected', () => {
    const found = violations((doc) => {
      at(doc, ...GET, 'responses')['404'] = {
        description: 'x',
        content: { 'application/json': { schema: PROBLEM } },
      };
    });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^error-media-type .*404: 404 response lacks application\/problem\+json/,
        ),
        expect.stringMatching(
          /^error-media-type .*404\/content\/application~1json: 404 response may not use application\/json/,
        ),
      ]),
    );
  });

  test('a problem+json error response with another schema than Problem is rejected', () => {
    const found = violations((doc) => {
      at(doc, ...LIST, 'responses')['400'] = {
        description: 'x',
        content: { 'application/problem+json': { schema: { type: 'object' } } },
      };
    });
    expect(found).toEqual([
      expect.stringMatching(
        /^error-schema .*400\/content\/application~1problem\+json\/schema: .*Problem/,
      ),
    ]);
  });

  test('a Problem extension (allOf) and a choice of Problem extensions (anyOf) are accepted', () => {
    const extended = {
      allOf: [PROBLEM, { type: 'object', properties: { orderId: { type: 'string' } } }],
    };
    const found = violations((doc) => {
      at(doc, ...CREATE, 'responses')['409'] = {
        description: 'conflict',
        content: { 'application/problem+json': { schema: { anyOf: [extended, PROBLEM] } } },
      };
    });
    expect(found).toEqual([]);
  });

  test('413 and 429 must be the gateway application/json GatewayError only', () => {
    const found = violations((doc) => {
      at(doc, ...CREATE, 'responses')['413'] = {
        description: 'x',
        content: { 'application/problem+json': { schema: PROBLEM } },
      };
      at(doc, ...LIST, 'responses', '429', 'content', 'application/json').schema = PROBLEM;
    });
    expect(found).toEqual([
      expect.stringMatching(
        /^error-schema .*429.*application~1json\/schema: 429 application\/json must use the shared GatewayError/,
      ),
      expect.stringMatching(/^error-media-type .*413: 413 response lacks application\/json/),
      expect.stringMatching(
        /^error-media-type .*413\/content\/application~1problem\+json: 413 response may not use/,
      ),
    ]);
  });

  test('401 may carry problem+json alone, but not GatewayError alone', () => {
    expect(
      violations(
        (doc) => delete at(doc, ...GET, 'responses', '401', 'content')['application/json'],
      ),
    ).toEqual([]);
    // Both secured operations share this response object, as they would share a $ref'd one.
    const found = violations(
      (doc) => delete at(doc, ...GET, 'responses', '401', 'content')['application/problem+json'],
    );
    expect(found).toEqual([
      expect.stringMatching(
        /^error-media-type .*items\/post\/responses\/401: 401 response lacks application\/problem\+json/,
      ),
      expect.stringMatching(
        /^error-media-type .*\{itemId\}\/get\/responses\/401: 401 response lacks application\/problem\+json/,
      ),
    ]);
  });

  test('a secured operation without x-kong-plugin-jwt is rejected', () => {
    expect(violations((doc) => delete at(doc, ...GET)['x-kong-plugin-jwt'])).toEqual([
      expect.stringMatching(/^jwt-plugin .*get: secured operation lacks x-kong-plugin-jwt/),
    ]);
  });

  test('a public operation with x-kong-plugin-jwt is rejected', () => {
    expect(violations((doc) => (at(doc, ...LIST)['x-kong-plugin-jwt'] = {}))).toEqual([
      expect.stringMatching(/^jwt-plugin .*x-kong-plugin-jwt: public operation/),
    ]);
  });

  test('the document-level security requirement counts for operations that state none', () => {
    const found = violations((doc) => {
      doc.security = [{ bearerAuth: [] }];
      delete at(doc, ...GET).security;
      delete at(doc, ...GET)['x-kong-plugin-jwt'];
    });
    expect(found).toEqual([
      expect.stringMatching(/^jwt-plugin .*secured operation lacks x-kong-plugin-jwt/),
    ]);
  });

  test('x-bazaar-roles on a public operation is rejected', () => {
    expect(violations((doc) => (at(doc, ...LIST)['x-bazaar-roles'] = ['admin']))).toEqual([
      expect.stringMatching(
        /^roles .*x-bazaar-roles: x-bazaar-roles on an operation without security/,
      ),
      expect.stringMatching(/^required-status .*: must list 403/),
    ]);
  });

  test('a role outside customer, admin, partner, service is rejected', () => {
    expect(violations((doc) => (at(doc, ...CREATE)['x-bazaar-roles'] = ['admin', 'root']))).toEqual(
      [expect.stringMatching(/^roles .*: unknown role 'root'/)],
    );
  });

  test('an x-internal operation that is neither secured nor explicitly public is rejected', () => {
    const found = violations((doc) => {
      at(doc, ...LIST)['x-internal'] = true;
      delete at(doc, ...LIST).security;
    });
    expect(found).toEqual([
      expect.stringMatching(
        /^internal .*: x-internal operation must be secured or say `security: \[\]` itself/,
      ),
    ]);
  });

  test('an x-internal operation with its own security: [] is accepted and needs no 429', () => {
    const found = violations((doc) => {
      at(doc, ...LIST)['x-internal'] = true;
      delete at(doc, ...LIST, 'responses')['429'];
    });
    expect(found).toEqual([]);
  });

  test('an operation without the Correlation-Id header parameter is rejected', () => {
    expect(
      violations((doc) => (at(doc, ...LIST).parameters = [{ name: 'q', in: 'query', schema: {} }])),
    ).toEqual([
      expect.stringMatching(/^correlation-id .*get: must take the Correlation-Id header parameter/),
    ]);
  });

  test('an operation with a request body must list 413', () => {
    expect(violations((doc) => delete at(doc, ...CREATE, 'responses')['413'])).toEqual([
      expect.stringMatching(/^required-status .*: must list 413/),
    ]);
  });

  test('a secured operation must list 401', () => {
    expect(violations((doc) => delete at(doc, ...GET, 'responses')['401'])).toEqual([
      expect.stringMatching(/^required-status .*: must list 401/),
    ]);
  });

  test('a role-limited operation must list 403', () => {
    expect(violations((doc) => delete at(doc, ...CREATE, 'responses')['403'])).toEqual([
      expect.stringMatching(/^required-status .*: must list 403/),
    ]);
  });

  test('a routed operation must list 429', () => {
    expect(violations((doc) => delete at(doc, ...LIST, 'responses')['429'])).toEqual([
      expect.stringMatching(/^required-status .*: must list 429/),
    ]);
  });

  test('a path parameter used in the path but not declared is rejected', () => {
    expect(
      violations((doc) => (at(doc, 'paths', '/api/v1/items/{itemId}').parameters = [])),
    ).toEqual([
      expect.stringMatching(/^path-parameters .*: path parameter 'itemId' is not declared/),
    ]);
  });

  test('a declared path parameter that the path does not use is rejected', () => {
    const found = violations((doc) => {
      const paths = at(doc, 'paths');
      paths['/api/v1/items/{id}'] = paths['/api/v1/items/{itemId}'];
      delete paths['/api/v1/items/{itemId}'];
    });
    expect(found).toEqual([
      expect.stringMatching(/path parameter 'id' is not declared/),
      expect.stringMatching(/path parameter 'itemId' does not occur in the path/),
    ]);
  });

  test('x-kong-name must equal the file name', () => {
    expect(violations(() => {}, 'things')).toEqual([
      expect.stringMatching(/^kong-name \/x-kong-name: x-kong-name must be 'things'/),
    ]);
  });

  test('servers[0] must be an http upstream on 127.0.0.1', () => {
    for (const url of ['https://127.0.0.1:3999', 'http://localhost:3999', '/relative']) {
      expect(violations((doc) => (doc.servers = [{ url }]))).toEqual([
        expect.stringMatching(
          /^upstream \/servers\/0\/url: servers\[0\] must be the http upstream on 127\.0\.0\.1/,
        ),
      ]);
    }
  });

  test('an operationId used in two documents is rejected', () => {
    const found = checkUniqueOperationIds([
      { name: 'items', doc: sampleOpenApi() },
      { name: 'things', doc: { paths: { '/api/v1/things': { get: { operationId: 'getItem' } } } } },
    ]);
    expect(found.map((v) => `${v.document} ${v.message}`)).toEqual([
      "things operationId 'getItem' is also used by items GET /api/v1/items/{itemId}",
    ]);
  });
});
