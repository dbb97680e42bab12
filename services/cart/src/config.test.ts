import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, spliceConfigTable } from '@bazaar/platform/config/index';
import { cartConfig } from './config';

const README = path.resolve(__dirname, '../README.md');
const PUBLIC_KEY = '-----BEGIN PUBLIC KEY-----\\nMIIB\\n-----END PUBLIC KEY-----';

describe('cart configuration', () => {
  it('is documented by an up-to-date table in the README', () => {
    const readme = readFileSync(README, 'utf8');
    // On failure: write spliceConfigTable(readme, cartConfig) back to services/cart/README.md.
    expect(spliceConfigTable(readme, cartConfig)).toBe(readme);
  });

  it('reaches the local catalog, database and broker by default', () => {
    const config = cartConfig.load({ CART_JWT_PUBLIC_KEY: PUBLIC_KEY });
    expect(config).toMatchObject({
      httpPort: 3003,
      catalogUrl: 'http://127.0.0.1:3002',
      databaseUrl: 'postgres://bazaar:bazaar@127.0.0.1:5432/bazaar_cart',
      amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
    });
  });

  it('refuses a catalog URL that is not http(s), naming the variable', () => {
    expect(() =>
      cartConfig.load({ CART_JWT_PUBLIC_KEY: PUBLIC_KEY, CART_CATALOG_URL: 'ftp://catalog' }),
    ).toThrow(/CART_CATALOG_URL="ftp:\/\/catalog" must be a URL with scheme http: or https:/);
  });

  it('refuses an unknown CART_ variable and suggests the one it resembles', () => {
    const error = (() => {
      try {
        cartConfig.load({ CART_JWT_PUBLIC_KEY: PUBLIC_KEY, CART_CATALOG_URI: 'http://x' });
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'CART_CATALOG_URI is not a known variable (did you mean CART_CATALOG_URL?)',
    ]);
  });
});
