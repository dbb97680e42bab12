import { type Direction } from './contract-types';
import { diffSchemas } from './schema-diff';

const diff = (base: unknown, next: unknown, direction: Direction): string[] =>
  diffSchemas(base, next, direction, '').map((c) => `${c.pointer || '/'}: ${c.message}`);

const cat = {
  type: 'object',
  required: ['kind', 'lives'],
  properties: { kind: { const: 'cat' }, lives: { type: 'integer' } },
};
const dog = {
  type: 'object',
  required: ['kind', 'bark'],
  properties: { kind: { const: 'dog' }, bark: { type: 'boolean' } },
};
const bird = { type: 'object', required: ['kind'], properties: { kind: { const: 'bird' } } };

describe('direction-aware schema diff', () => {
  test('allOf parts are merged before comparing, so a field moved between parts changes nothing', () => {
    const base = {
      allOf: [
        { type: 'object', properties: { a: { type: 'string' } } },
        { properties: { b: { type: 'integer' } } },
      ],
    };
    const next = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' } } };
    expect(diff(base, next, 'request')).toEqual([]);
    expect(diff(base, next, 'response')).toEqual([]);
  });

  test('a change inside an allOf part is found', () => {
    const base = { allOf: [{ type: 'object', properties: { a: { type: 'string' } } }] };
    const next = { allOf: [{ type: 'object', properties: { a: { type: 'boolean' } } }] };
    expect(diff(base, next, 'response')).toEqual([
      '/properties/a: type changed from string to boolean',
    ]);
  });

  test('a oneOf variant removed from a request breaks; one added does not', () => {
    expect(diff({ oneOf: [cat, dog] }, { oneOf: [cat] }, 'request')).toEqual([
      '/oneOf/1: oneOf variant 1 is no longer accepted',
    ]);
    expect(diff({ oneOf: [cat, dog] }, { oneOf: [cat, dog, bird] }, 'request')).toEqual([]);
  });

  test('a oneOf variant added to a response breaks; one removed does not', () => {
    expect(diff({ oneOf: [cat, dog] }, { oneOf: [cat, dog, bird] }, 'response')).toEqual([
      '/oneOf/2: new oneOf variant 2 may be returned',
    ]);
    expect(diff({ oneOf: [cat, dog] }, { oneOf: [dog] }, 'response')).toEqual([]);
  });

  test('a change inside a matching oneOf variant is reported at that variant', () => {
    const fatCat = { ...cat, properties: { ...cat.properties, lives: { type: 'string' } } };
    expect(diff({ oneOf: [cat, dog] }, { oneOf: [fatCat, dog] }, 'response')).toEqual([
      '/oneOf/0/properties/lives: type changed from integer to string',
    ]);
  });

  test('additional properties that a request no longer accepts break it', () => {
    expect(
      diff({ type: 'object' }, { type: 'object', additionalProperties: false }, 'request'),
    ).toEqual(['/additionalProperties: additional properties are no longer accepted']);
    expect(
      diff({ type: 'object' }, { type: 'object', additionalProperties: false }, 'response'),
    ).toEqual([]);
  });

  test('readOnly properties are ignored in requests and writeOnly ones in responses', () => {
    const base = {
      type: 'object',
      properties: {
        id: { type: 'string', readOnly: true },
        secret: { type: 'string', writeOnly: true },
      },
    };
    const next = { type: 'object', properties: {} };
    expect(diff(base, next, 'request')).toEqual(["/properties/secret: property 'secret' removed"]);
    expect(diff(base, next, 'response')).toEqual(["/properties/id: property 'id' removed"]);
  });

  test('a looser bound breaks a response and a tighter one does not', () => {
    expect(
      diff({ type: 'string', maxLength: 10 }, { type: 'string', maxLength: 20 }, 'response'),
    ).toEqual(['/: maxLength raised from 10 to 20']);
    expect(diff({ type: 'string', maxLength: 10 }, { type: 'string' }, 'response')).toEqual([
      '/: maxLength 10 removed',
    ]);
    expect(
      diff({ type: 'string', maxLength: 20 }, { type: 'string', maxLength: 10 }, 'response'),
    ).toEqual([]);
  });

  test('multipleOf breaks a request unless every old multiple is still one', () => {
    expect(
      diff({ type: 'integer', multipleOf: 10 }, { type: 'integer', multipleOf: 5 }, 'request'),
    ).toEqual([]);
    expect(
      diff({ type: 'integer', multipleOf: 5 }, { type: 'integer', multipleOf: 10 }, 'request'),
    ).toEqual(['/: multipleOf changed from 5 to 10']);
  });

  test('a const change breaks both directions', () => {
    for (const direction of ['request', 'response'] as const) {
      expect(diff({ const: 'a.v1' }, { const: 'a.v2' }, direction)).toEqual([
        '/: const changed from "a.v1" to "a.v2"',
      ]);
    }
  });

  test('an enum added to a request restricts it; an enum dropped from a response widens it', () => {
    expect(diff({ type: 'string' }, { type: 'string', enum: ['A'] }, 'request')).toEqual([
      '/: values now restricted to enum ["A"]',
    ]);
    expect(diff({ type: 'string', enum: ['A'] }, { type: 'string' }, 'response')).toEqual([
      '/: enum ["A"] removed: any value may now be returned',
    ]);
  });

  test('a request that no longer accepts null breaks', () => {
    expect(diff({ type: ['string', 'null'] }, { type: 'string' }, 'request')).toEqual([
      '/: null is no longer accepted',
    ]);
    expect(diff({ type: ['string', 'null'] }, { type: 'string' }, 'response')).toEqual([]);
  });

  test('a recursive schema terminates and reports each change once, where the recursion starts', () => {
    const base: Record<string, unknown> = {
      type: 'object',
      properties: { name: { type: 'string' } },
    };
    (base.properties as Record<string, unknown>).child = base;
    const next: Record<string, unknown> = {
      type: 'object',
      properties: { name: { type: 'integer' } },
    };
    (next.properties as Record<string, unknown>).child = next;
    expect(diff(base, next, 'response')).toEqual([
      '/properties/name: type changed from string to integer',
    ]);
  });

  test('stating the type a const or enum already implies is no change', () => {
    expect(diff({ const: 'cat' }, { type: 'string', const: 'cat' }, 'request')).toEqual([]);
    expect(diff({ enum: [1, 2] }, { type: 'integer', enum: [1, 2] }, 'request')).toEqual([]);
    expect(
      diff({ enum: ['a', null] }, { type: ['string', 'null'], enum: ['a', null] }, 'response'),
    ).toEqual([]);
  });
});
