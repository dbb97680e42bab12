import { parse } from 'yaml';
import { KONG_YML_HEADER, toKongYaml } from './kong-yaml';
import { renderDeckEnv } from '../../runtime/src/declarative-config/render-deck-env';

describe('toKongYaml', () => {
  it('starts with the generated-file header and keeps the format version a string', () => {
    const text = toKongYaml({ _format_version: '3.0', services: [] });
    expect(text.startsWith(KONG_YML_HEADER)).toBe(true);
    expect(text).toContain('_format_version: "3.0"');
  });

  it('sorts keys the way decK writes them', () => {
    const text = toKongYaml({
      services: [{ name: 's', host: 'h', id: 'x' }],
      _format_version: '3.0',
    });
    expect(text.slice(KONG_YML_HEADER.length)).toBe(
      '_format_version: "3.0"\nservices:\n  - host: h\n    id: x\n    name: s\n',
    );
  });

  it('writes a whole-value env template as a literal block indented for decK', () => {
    const text = toKongYaml({
      consumers: [{ jwt_secrets: [{ rsa_public_key: '${{ env "DECK_K" }}' }] }],
    });
    expect(text).toContain('rsa_public_key: |-\n          ${{ env "DECK_K" | indent 10 }}\n');
  });

  it('renders back to the multi-line value once the variable is filled in', () => {
    const pem = '-----BEGIN PUBLIC KEY-----\nABC\n-----END PUBLIC KEY-----\n';
    const text = toKongYaml({ a: [{ b: { key: '${{ env "DECK_K" }}' } }] });
    expect(parse(renderDeckEnv(text, { DECK_K: pem }))).toEqual({
      a: [{ b: { key: pem.trimEnd() } }],
    });
  });

  it('refuses a template embedded in a longer value, which it could not indent safely', () => {
    expect(() => toKongYaml({ a: { b: 'x-${{ env "DECK_K" }}' } })).toThrow(
      /\$\.a\.b: only a whole-value/,
    );
  });
});
