import { mergeAllOf, schemaTable, typeLabel } from './schema.render';

const order = {
  type: 'object',
  required: ['orderId', 'items'],
  properties: {
    orderId: { type: 'string', format: 'uuid', description: 'The order.' },
    items: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['quantity'],
        properties: {
          quantity: { type: 'integer', minimum: 1 },
          note: { type: ['string', 'null'] },
        },
      },
    },
  },
};

// Whitespace inside and between tags is formatting only.
const flat = (markup: { value: string }) =>
  markup.value.replace(/\s+>/g, '>').replace(/>\s+</g, '><');

describe('the schema field table', () => {
  it('gives one row per field, nested fields under their parent path, required ones marked', () => {
    const table = flat(schemaTable(order));
    const fields = [
      ...table.matchAll(
        /<td class="bz-field"[^>]*><code>([^<]+)<\/code>(<span class="bz-required")?/g,
      ),
    ].map((m) => `${m[1]}${m[2] ? '*' : ''}`);
    expect(fields).toEqual(['orderId*', 'items*', 'items[].quantity*', 'items[].note']);
  });

  it('shows types with formats, array items and nullable unions', () => {
    expect(typeLabel(order.properties.orderId)).toBe('string (uuid)');
    expect(typeLabel(order.properties.items)).toBe('array of object');
    expect(typeLabel(order.properties.items.items.properties.note)).toBe('string | null');
  });

  it('lists constraints beside the type', () => {
    const table = flat(schemaTable(order));
    expect(table).toContain('<div class="bz-constraint">items ≥ 1</div>');
    expect(table).toContain('<div class="bz-constraint">value ≥ 1</div>');
  });

  it('escapes descriptions rendered as markdown text', () => {
    const table = schemaTable({
      type: 'object',
      properties: { a: { type: 'string', description: 'a <script> tag' } },
    });
    expect(table.value).toContain('a &lt;script&gt; tag');
  });

  it('merges allOf parts, a later part narrowing an earlier property', () => {
    const merged = mergeAllOf({
      allOf: [
        {
          type: 'object',
          required: ['eventType'],
          properties: { eventType: { type: 'string', description: 'Type.' } },
        },
        { properties: { eventType: { const: 'x.v1' } } },
      ],
    });
    expect(merged.properties).toEqual({
      eventType: { type: 'string', description: 'Type.', const: 'x.v1' },
    });
    expect(merged.required).toEqual(['eventType']);
  });
});
