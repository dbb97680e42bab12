import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, spliceConfigTable } from '@bazaar/platform/config/index';
import { catalogConfig } from './config';

const PUBLIC_KEY = '-----BEGIN PUBLIC KEY-----\\nMIIB\\n-----END PUBLIC KEY-----';

describe('catalog configuration', () => {
  it('needs only the token key and defaults the rest to the local servers', () => {
    const config = catalogConfig.load({ CATALOG_JWT_PUBLIC_KEY: PUBLIC_KEY });
    expect(config).toMatchObject({
      httpPort: 3002,
      databaseUrl: 'postgres://bazaar:bazaar@127.0.0.1:5432/bazaar_catalog',
      redisUrl: 'redis://127.0.0.1:6379',
      redisKeyPrefix: 'catalog:',
      productCacheTtlSeconds: 300,
      redisCommandTimeoutMs: 200,
    });
  });

  it('refuses a key prefix Redis patterns could misread, and unknown variables, all at once', () => {
    const load = () =>
      catalogConfig.load({
        CATALOG_JWT_PUBLIC_KEY: PUBLIC_KEY,
        CATALOG_REDIS_KEY_PREFIX: 'cat*log',
        CATALOG_PRODUCT_CACHE_TTL: '60',
      });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      /CATALOG_REDIS_KEY_PREFIX[\s\S]*CATALOG_PRODUCT_CACHE_TTL is not a known variable/,
    );
  });

  it('is documented by an up-to-date table in the README', () => {
    const readmePath = path.resolve(__dirname, '../README.md');
    const readme = readFileSync(readmePath, 'utf8');
    expect(spliceConfigTable(readme, catalogConfig)).toBe(readme);
  });
});
