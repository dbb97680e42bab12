import { type JsonObject } from './contract-types';
import { GET, ITEM, LIST, NEW_ITEM, breaking } from './fixtures/openapi-breaking-cases';
import { at } from './fixtures/sample-openapi';

describe('OpenAPI breaking changes: request and response schemas, direction', () => {
  test('a request field that became required breaks', () => {
    expect(breaking((doc) => (at(doc, ...NEW_ITEM).required as string[]).push('note'))).toEqual([
      "items POST /api/v1/items #/paths/~1api~1v1~1items/post/requestBody/content/application~1json/schema/properties/note: property 'note' became required",
    ]);
  });

  test('a new required request field breaks', () => {
    const found = breaking((doc) => {
      at(doc, ...NEW_ITEM, 'properties').sku = { type: 'string' };
      (at(doc, ...NEW_ITEM).required as string[]).push('sku');
    });
    expect(found).toEqual([
      expect.stringMatching(/requestBody.*\/properties\/sku: new required property 'sku'$/),
    ]);
  });

  test('a removed request property breaks', () => {
    expect(breaking((doc) => delete at(doc, ...NEW_ITEM, 'properties').note)).toEqual([
      expect.stringMatching(
        /^items POST \/api\/v1\/items #.*requestBody.*\/properties\/note: property 'note' removed$/,
      ),
    ]);
  });

  test('a removed response property breaks wherever the schema is returned', () => {
    const found = breaking((doc) => delete at(doc, ...ITEM, 'properties').note);
    expect(found).toEqual([
      expect.stringMatching(
        /^items GET \/api\/v1\/items #.*\/responses\/200\/.*\/items\/properties\/note: property 'note' removed$/,
      ),
      expect.stringMatching(
        /^items POST \/api\/v1\/items #.*\/responses\/201\/.*\/properties\/note: property 'note' removed$/,
      ),
      expect.stringMatching(
        /^items GET \/api\/v1\/items\/\{itemId\} #.*\/responses\/200\/.*\/properties\/note: property 'note' removed$/,
      ),
    ]);
  });

  test('a response property that became optional breaks', () => {
    const found = breaking((doc) => (at(doc, ...ITEM).required = ['id', 'name', 'status']));
    expect(found).toHaveLength(3);
    expect(found[2]).toMatch(
      /\{itemId\} #.*\/responses\/200\/.*\/properties\/price: property 'price' became optional$/,
    );
  });

  test('a response property that became nullable breaks, through a type list or a oneOf with null', () => {
    const viaType = breaking(
      (doc) => (at(doc, ...ITEM, 'properties', 'price').type = ['integer', 'null']),
    );
    expect(viaType[2]).toMatch(/\/properties\/price: became nullable$/);
    const viaOneOf = breaking((doc) => {
      at(doc, ...ITEM, 'properties').price = {
        oneOf: [{ type: 'integer', minimum: 0 }, { type: 'null' }],
      };
    });
    expect(viaOneOf[2]).toMatch(/\/properties\/price: became nullable$/);
  });

  test('a changed type breaks', () => {
    const found = breaking((doc) => (at(doc, ...ITEM, 'properties', 'price').type = 'string'));
    expect(found[2]).toMatch(/\/properties\/price: type changed from integer to string$/);
  });

  test('a type that became an array breaks', () => {
    const found = breaking(
      (doc) =>
        (at(doc, ...NEW_ITEM, 'properties').note = { type: 'array', items: { type: 'string' } }),
    );
    expect(found).toEqual([
      expect.stringMatching(/\/properties\/note: type changed from string to array$/),
    ]);
  });

  test('a changed format breaks', () => {
    const found = breaking((doc) => (at(doc, ...ITEM, 'properties', 'id').format = 'uri'));
    expect(found[2]).toMatch(/\/properties\/id: format changed from "uuid" to "uri"$/);
  });

  test('integer to number is fine in a request but breaks in a response', () => {
    expect(
      breaking((doc) => (at(doc, ...NEW_ITEM, 'properties', 'quantity').type = 'number')),
    ).toEqual([]);
    const found = breaking((doc) => (at(doc, ...ITEM, 'properties', 'price').type = 'number'));
    expect(found[2]).toMatch(/\/properties\/price: type changed from integer to number$/);
  });

  test('a removed enum value breaks in a request', () => {
    expect(
      breaking((doc) => (at(doc, ...NEW_ITEM, 'properties', 'status').enum = ['ACTIVE'])),
    ).toEqual([
      expect.stringMatching(/requestBody.*\/properties\/status: enum value "RETIRED" removed$/),
    ]);
  });

  test('a removed enum value breaks in a response', () => {
    const found = breaking((doc) => (at(doc, ...ITEM, 'properties', 'status').enum = ['ACTIVE']));
    expect(found[2]).toMatch(/responses\/200.*\/properties\/status: enum value "RETIRED" removed$/);
  });

  test('a new enum value breaks in a response (clients may not know it)', () => {
    const found = breaking(
      (doc) => (at(doc, ...ITEM, 'properties', 'status').enum = ['ACTIVE', 'RETIRED', 'HIDDEN']),
    );
    expect(found[2]).toMatch(
      /\/properties\/status: enum value "HIDDEN" added: clients may not know it$/,
    );
  });

  test('a lower maxLength in a request breaks', () => {
    expect(breaking((doc) => (at(doc, ...NEW_ITEM, 'properties', 'name').maxLength = 50))).toEqual([
      expect.stringMatching(/\/properties\/name: maxLength lowered from 100 to 50$/),
    ]);
  });

  test('a higher minimum in a request breaks', () => {
    expect(breaking((doc) => (at(doc, ...NEW_ITEM, 'properties', 'quantity').minimum = 2))).toEqual(
      [expect.stringMatching(/\/properties\/quantity: minimum raised from 1 to 2$/)],
    );
  });

  test('a changed pattern in a request breaks', () => {
    expect(
      breaking((doc) => (at(doc, ...NEW_ITEM, 'properties', 'name').pattern = '^[A-Z]+$')),
    ).toEqual([
      expect.stringMatching(
        /\/properties\/name: pattern changed from "\^\[A-Za-z \]\+\$" to "\^\[A-Z\]\+\$"$/,
      ),
    ]);
  });

  test('a new bound on a request parameter breaks', () => {
    expect(
      breaking((doc) => (at(doc, ...LIST, 'parameters', '0', 'schema').minLength = 3)),
    ).toEqual([
      'items GET /api/v1/items #/paths/~1api~1v1~1items/get/parameters/0/schema: minLength 3 added',
    ]);
  });

  const additive: [string, (doc: JsonObject) => void][] = [
    [
      'a new operation',
      (doc) =>
        (at(doc, 'paths', '/api/v1/items/{itemId}').delete = {
          operationId: 'deleteItem',
          responses: {},
        }),
    ],
    [
      'a new optional request field',
      (doc) => (at(doc, ...NEW_ITEM, 'properties').colour = { type: 'string' }),
    ],
    [
      'a new response property',
      (doc) => (at(doc, ...ITEM, 'properties').colour = { type: 'string' }),
    ],
    [
      'a new required response property',
      (doc) => {
        at(doc, ...ITEM, 'properties').colour = { type: 'string' };
        (at(doc, ...ITEM).required as string[]).push('colour');
      },
    ],
    [
      'a new response status',
      (doc) => (at(doc, ...GET, 'responses')['410'] = { description: 'gone' }),
    ],
    [
      'a new optional parameter',
      (doc) =>
        (at(doc, ...LIST).parameters as unknown[]).push({
          name: 'sort',
          in: 'query',
          schema: { type: 'string' },
        }),
    ],
    [
      'a new enum value in a request',
      (doc) =>
        (at(doc, ...NEW_ITEM, 'properties', 'status').enum = ['ACTIVE', 'RETIRED', 'HIDDEN']),
    ],
    [
      'a looser request bound',
      (doc) => (at(doc, ...NEW_ITEM, 'properties', 'name').maxLength = 200),
    ],
    [
      'a request field that accepts null too',
      (doc) => (at(doc, ...NEW_ITEM, 'properties', 'note').type = ['string', 'null']),
    ],
    [
      'a response field that became required',
      (doc) => (at(doc, ...ITEM).required as string[]).push('note'),
    ],
  ];
  test.each(additive)('%s is not breaking', (_name, change) => {
    expect(breaking(change)).toEqual([]);
  });

  test('direction: a new required field breaks a request but not a response', () => {
    const field = { type: 'string' };
    const inResponse = breaking((doc) => {
      at(doc, ...ITEM, 'properties').sku = field;
      (at(doc, ...ITEM).required as string[]).push('sku');
    });
    const inRequest = breaking((doc) => {
      at(doc, ...NEW_ITEM, 'properties').sku = field;
      (at(doc, ...NEW_ITEM).required as string[]).push('sku');
    });
    expect(inResponse).toEqual([]);
    expect(inRequest).toEqual([expect.stringMatching(/new required property 'sku'$/)]);
  });
});
