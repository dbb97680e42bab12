import { pageMeta, pageOffset, pageRequest } from './paging';

describe('paging', () => {
  it('defaults to the first page of 20', () => {
    expect(pageRequest()).toEqual({ number: 1, size: 20 });
  });

  it('skips the items of the pages before', () => {
    expect(pageOffset({ number: 3, size: 25 })).toBe(50);
  });

  it('counts a last partial page', () => {
    expect(pageMeta({ number: 1, size: 20 }, 41)).toEqual({
      number: 1,
      size: 20,
      totalItems: 41,
      totalPages: 3,
    });
  });

  it('has no pages when nothing matches', () => {
    expect(pageMeta({ number: 1, size: 20 }, 0).totalPages).toBe(0);
  });

  it.each([
    [0, 20],
    [1, 0],
    [1, 101],
    [1.5, 20],
  ])('refuses page %d of size %d', (page, size) => {
    expect(() => pageRequest(page, size)).toThrow(RangeError);
  });
});
