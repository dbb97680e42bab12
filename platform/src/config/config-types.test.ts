import { configTypes } from './config-types';

describe('configTypes', () => {
  it('parses an integer and rejects a decimal', () => {
    const integer = configTypes.integer();
    expect(integer.parse(' 42 ')).toBe(42);
    expect(() => integer.parse('4.2')).toThrow('must be an integer');
  });

  it('rejects an integer outside its bounds', () => {
    expect(() => configTypes.integer({ max: 10 }).parse('11')).toThrow('must be <= 10');
  });

  it('rejects a port above 65535', () => {
    expect(() => configTypes.port().parse('70000')).toThrow('must be <= 65535');
  });

  it('parses a finite number and rejects NaN spelled out', () => {
    expect(configTypes.number().parse('0.25')).toBe(0.25);
    expect(() => configTypes.number().parse('NaN')).toThrow('must be a finite number');
  });

  it('accepts true/false/1/0 as booleans and nothing else', () => {
    const boolean = configTypes.boolean();
    expect([boolean.parse('TRUE'), boolean.parse('0')]).toEqual([true, false]);
    expect(() => boolean.parse('yes')).toThrow('must be true or false');
  });

  it('accepts only the listed values for oneOf', () => {
    expect(configTypes.oneOf(['a', 'b']).parse('b')).toBe('b');
    expect(() => configTypes.oneOf(['a', 'b']).parse('c')).toThrow('must be one of a, b');
  });

  it('rejects a string that does not match its pattern, describing the pattern', () => {
    const name = configTypes.string({
      pattern: /^[a-z]+$/,
      patternDescription: 'lower-case letters',
    });
    expect(() => name.parse('Abc')).toThrow('must be lower-case letters');
  });

  it('rejects a PEM block with the wrong label', () => {
    expect(() =>
      configTypes.pem().parse('-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----'),
    ).toThrow('must be a PEM block "-----BEGIN PUBLIC KEY----- … -----END PUBLIC KEY-----"');
  });

  it('parses each item of a list and names the item at fault', () => {
    const ports = configTypes.list(configTypes.port());
    expect(ports.parse('80, 443,')).toEqual([80, 443]);
    expect(() => ports.parse('80,http')).toThrow('item 2 ("http") must be an integer');
  });
});
