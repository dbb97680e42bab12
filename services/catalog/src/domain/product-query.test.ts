import { parseProductQuery, parseProductSort } from './product-query';

describe('product sort parsing', () => {
  it.each([
    ['name', { key: 'name', direction: 'asc' }],
    ['-name', { key: 'name', direction: 'desc' }],
    ['price', { key: 'price', direction: 'asc' }],
    ['-price', { key: 'price', direction: 'desc' }],
    ['createdAt', { key: 'createdAt', direction: 'asc' }],
    ['-createdAt', { key: 'createdAt', direction: 'desc' }],
    ['relevance', { key: 'relevance', direction: 'desc' }],
    ['popularity', { key: 'popularity', direction: 'desc' }],
  ])('reads %s as %j', (param, sort) => {
    expect(parseProductSort(param)).toEqual(sort);
  });

  it.each(['-popularity', '-relevance', 'salesCount', ''])('does not know %j', (param) => {
    expect(parseProductSort(param)).toBeUndefined();
  });
});

describe('product query parsing', () => {
  it('applies the contract defaults: sorted by name, first page of 20', () => {
    const parsed = parseProductQuery({});
    expect(parsed).toEqual({
      ok: true,
      query: {
        text: undefined,
        categoryId: undefined,
        minPrice: undefined,
        maxPrice: undefined,
        inStock: undefined,
        sort: { key: 'name', direction: 'asc' },
        page: { number: 1, size: 20 },
      },
    });
  });

  it('collapses the whitespace of the search words and drops blank ones', () => {
    const words = parseProductQuery({ q: '  blue \t mug ' });
    expect(words.ok && words.query.text).toBe('blue mug');
    const blank = parseProductQuery({ q: '   ' });
    expect(blank.ok && blank.query.text).toBeUndefined();
  });

  it('sorts by relevance when asked with search words', () => {
    const parsed = parseProductQuery({ q: 'mug', sort: 'relevance' });
    expect(parsed.ok && parsed.query.sort).toEqual({ key: 'relevance', direction: 'desc' });
  });

  it('refuses relevance without search words, naming query.sort', () => {
    expect(parseProductQuery({ sort: 'relevance', q: ' ' })).toEqual({
      ok: false,
      problems: [{ field: 'query.sort', message: 'relevance needs q (the words to rank by)' }],
    });
  });

  it('refuses a price range whose low end is above its high end, naming query.minPrice', () => {
    expect(parseProductQuery({ minPrice: 500, maxPrice: 100 })).toEqual({
      ok: false,
      problems: [{ field: 'query.minPrice', message: 'must be <= maxPrice (100)' }],
    });
  });

  it('accepts a range of one price', () => {
    const parsed = parseProductQuery({ minPrice: 100, maxPrice: 100 });
    expect(parsed.ok && [parsed.query.minPrice, parsed.query.maxPrice]).toEqual([100, 100]);
  });

  it('reports every problem at once', () => {
    const parsed = parseProductQuery({ sort: 'relevance', minPrice: 2, maxPrice: 1 });
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.field)).toEqual([
      'query.sort',
      'query.minPrice',
    ]);
  });

  it('passes the filters and the page through', () => {
    const parsed = parseProductQuery({
      categoryId: '0b9d8c7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e',
      inStock: false,
      page: 3,
      pageSize: 5,
    });
    expect(parsed.ok && parsed.query).toMatchObject({
      categoryId: '0b9d8c7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e',
      inStock: false,
      page: { number: 3, size: 5 },
    });
  });
});
