import { ResponseHeaders } from './response-headers';

describe('ResponseHeaders', () => {
  it('keeps repeated headers added with add', () => {
    const h = new ResponseHeaders();
    h.add('Vary', 'Accept-Encoding');
    h.add('vary', 'Origin');
    expect(h.all('VARY')).toEqual(['Accept-Encoding', 'Origin']);
  });

  it('replaces every occurrence with set', () => {
    const h = new ResponseHeaders();
    h.add('X-A', '1');
    h.add('x-a', '2');
    h.set('X-a', '3');
    expect(h.flat()).toEqual(['X-A', '3']);
  });

  it('removes case-insensitively', () => {
    const h = new ResponseHeaders();
    h.add('Access-Control-Allow-Origin', '*');
    h.remove('access-control-allow-origin');
    expect(h.has('Access-Control-Allow-Origin')).toBe(false);
  });
});
