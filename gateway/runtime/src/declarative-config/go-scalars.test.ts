import { goFloatString, goParseBool, goParseInt } from './go-scalars';

describe('Go scalar conversions', () => {
  it('accepts exactly the spellings strconv.ParseBool accepts', () => {
    expect(['1', 't', 'TRUE', 'True'].map(goParseBool)).toEqual([true, true, true, true]);
    expect(['0', 'f', 'FALSE', 'False'].map(goParseBool)).toEqual([false, false, false, false]);
    expect(() => goParseBool('yes')).toThrow(/invalid syntax/);
  });

  it('parses 64-bit integers and rejects values out of range', () => {
    expect(goParseInt('-9223372036854775808')).toBe(-(2n ** 63n));
    expect(() => goParseInt('9223372036854775808')).toThrow(/value out of range/);
  });

  it('prints floats as fmt %v does: shortest digits, exponent below 1e-4 or from 1e6', () => {
    expect(goFloatString('1337')).toBe('1337');
    expect(goFloatString('0.5')).toBe('0.5');
    expect(goFloatString('0.0001')).toBe('0.0001');
    expect(goFloatString('0.00001')).toBe('1e-05');
    expect(goFloatString('123456.5')).toBe('123456.5');
    expect(goFloatString('1234567')).toBe('1.234567e+06');
  });
});
