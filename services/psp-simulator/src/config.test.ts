import { readFileSync } from 'node:fs';
import path from 'node:path';
import { spliceConfigTable } from '@bazaar/platform/config/index';
import { pspConfig } from './config';

const README = path.resolve(__dirname, '../README.md');

describe('psp-simulator configuration', () => {
  it('is documented in the README table exactly as declared (regenerate with spliceConfigTable)', () => {
    const readme = readFileSync(README, 'utf8');
    expect(spliceConfigTable(readme, pspConfig)).toBe(readme);
  });

  it('loads its defaults from an empty environment', () => {
    expect(pspConfig.load({})).toMatchObject({
      httpPort: 3010,
      httpHost: '127.0.0.1',
      failureRate: 0,
      timeoutRate: 0,
      randomSeed: undefined,
    });
  });

  it('refuses a failure rate outside 0–1, naming the variable', () => {
    expect(() => pspConfig.load({ PSP_FAILURE_RATE: '1.5' })).toThrow(/PSP_FAILURE_RATE/);
  });

  it('refuses an unknown PSP_ variable and suggests the near name', () => {
    expect(() => pspConfig.load({ PSP_LATENCY: '10' })).toThrow(
      /PSP_LATENCY is not a known variable/,
    );
  });
});
