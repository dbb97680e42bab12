import path from 'node:path';
import { parseArgs } from './build-options';

describe('build-docs options', () => {
  it('builds into the default folder for the local gateway when given nothing', () => {
    expect(parseArgs([], '/repo/dist')).toEqual({
      outDir: '/repo/dist',
      gatewayUrl: 'http://localhost:8000',
    });
  });

  it('takes --out and --gateway-url as separate or = values, without a trailing slash', () => {
    expect(parseArgs(['--out', 'site', '--gateway-url=https://api.example.com/'], '/d')).toEqual({
      outDir: path.resolve('site'),
      gatewayUrl: 'https://api.example.com',
    });
  });

  it('rejects an unknown option by name', () => {
    expect(() => parseArgs(['--outdir', 'x'], '/d')).toThrow('unknown argument "--outdir"');
  });

  it('rejects a gateway URL that is not http(s)', () => {
    expect(() => parseArgs(['--gateway-url', 'localhost:8000'], '/d')).toThrow('--gateway-url');
    expect(() => parseArgs(['--gateway-url', 'ftp://x'], '/d')).toThrow('must be an http(s) URL');
  });

  it('rejects an option without its value', () => {
    expect(() => parseArgs(['--out'], '/d')).toThrow('--out needs a value');
  });
});
