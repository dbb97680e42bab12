import { parse } from 'yaml';
import { renderDeckEnv } from './render-deck-env';

const PEM = '-----BEGIN PUBLIC KEY-----\nMIIBIjAN\nAQAB\n-----END PUBLIC KEY-----\n';

describe('renderDeckEnv', () => {
  it('substitutes a DECK_ variable verbatim, without escaping', () => {
    expect(renderDeckEnv('host: ${{ env "DECK_HOST" }}\ntag: "<"', { DECK_HOST: 'a&b' })).toBe(
      'host: a&b\ntag: "<"',
    );
  });

  it('fails naming the variable and the line when it is not set', () => {
    expect(() => renderDeckEnv('a: 1\nb: ${{ env "DECK_MISSING" }}', {})).toThrow(
      "line 2: environment variable 'DECK_MISSING' present in state file but not set",
    );
  });

  it('refuses variables without the DECK_ prefix, as decK does', () => {
    expect(() => renderDeckEnv('a: ${{ env "HOME" }}', { HOME: '/root' })).toThrow(
      "must be prefixed with 'DECK_', found: 'HOME'",
    );
  });

  it('leaves templates on YAML comment lines alone, even when the variable is unset', () => {
    const text = '  # see ${{ env "DECK_NOT_SET" }}\nx: 1';
    expect(renderDeckEnv(text, {})).toBe(text);
  });

  it('indents every continuation line so a PEM fills a literal block', () => {
    const text = 'k:\n  pem: |-\n    ${{ env "DECK_PEM" | indent 4 }}\n  next: 1\n';
    const rendered = renderDeckEnv(text, { DECK_PEM: PEM });
    expect(parse(rendered)).toEqual({ k: { pem: PEM.trimEnd(), next: 1 } });
  });

  it('converts with toInt, toBool and toFloat and prints like Go', () => {
    const text =
      'a: ${{ env "DECK_A" | toInt }}\nb: ${{ env "DECK_B" | toBool }}\nc: ${{ env "DECK_C" | toFloat }}';
    expect(renderDeckEnv(text, { DECK_A: '+007', DECK_B: 'T', DECK_C: '1000000' })).toBe(
      'a: 7\nb: true\nc: 1e+06',
    );
  });

  it('fails on a conversion Go would reject', () => {
    expect(() => renderDeckEnv('a: ${{ env "DECK_A" | toInt }}', { DECK_A: '1.5' })).toThrow(
      /strconv.Atoi: parsing "1.5": invalid syntax/,
    );
  });

  it('refuses template functions outside the decK set', () => {
    expect(() => renderDeckEnv('a: ${{ env "DECK_A" | upper }}', { DECK_A: 'x' })).toThrow(
      /unsupported template function 'upper'/,
    );
  });

  it('refuses an action that never closes on its line', () => {
    expect(() => renderDeckEnv('a: ${{ env "DECK_A"', { DECK_A: 'x' })).toThrow(
      /line 1: unclosed template action/,
    );
  });
});
