import { createHash } from 'node:crypto';
import { ServiceClientDirectory, serviceClientsConfigType } from './service-client-credentials';

const ordersSecret = 'orders-secret-0123456789abcdefghij';
const cartSecret = 'cart-secret-0123456789abcdefghijklm';

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

describe('the IDENTITY_SERVICE_CLIENTS variable', () => {
  const type = serviceClientsConfigType();

  it('keeps only the SHA-256 digest of each secret', () => {
    const clients = type.parse(`orders:${ordersSecret}, cart:${cartSecret}`);
    expect(clients).toEqual([
      { clientId: 'orders', secretSha256: sha256Hex(ordersSecret) },
      { clientId: 'cart', secretSha256: sha256Hex(cartSecret) },
    ]);
    expect(JSON.stringify(clients)).not.toContain(ordersSecret);
  });

  it('accepts a digest in place of the secret', () => {
    const digest = sha256Hex(ordersSecret);
    expect(type.parse(`orders:sha256:${digest}`)).toEqual([
      { clientId: 'orders', secretSha256: digest },
    ]);
  });

  it('refuses a secret shorter than 32 characters without echoing it', () => {
    let message = '';
    try {
      type.parse('orders:too-short-secret');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/entry 1 the secret of "orders" must be 32 to 256 characters/);
    expect(message).not.toContain('too-short-secret');
  });

  it('refuses a client id the contract would not accept', () => {
    expect(() => type.parse(`Orders:${ordersSecret}`)).toThrow(/client id "Orders" must match/);
  });

  it('refuses an entry without a secret', () => {
    expect(() => type.parse('orders')).toThrow('entry 1 must be written clientId:secret');
  });

  it('refuses the same client id twice', () => {
    expect(() => type.parse(`orders:${ordersSecret},orders:${cartSecret}`)).toThrow(
      'client id "orders" is listed twice',
    );
  });

  it('documents its value by client ids only', () => {
    expect(type.format?.(type.parse(`orders:${ordersSecret},cart:${cartSecret}`))).toBe(
      'orders,cart',
    );
  });
});

describe('checking client credentials', () => {
  const directory = new ServiceClientDirectory(
    serviceClientsConfigType().parse(`orders:${ordersSecret},cart:sha256:${sha256Hex(cartSecret)}`),
  );

  it('accepts a configured client with its secret', () => {
    expect(directory.verify('orders', ordersSecret)).toBe(true);
  });

  it('accepts a client configured by digest with its secret', () => {
    expect(directory.verify('cart', cartSecret)).toBe(true);
  });

  it("refuses a client with another client's secret", () => {
    expect(directory.verify('orders', cartSecret)).toBe(false);
  });

  it('refuses an unknown client', () => {
    expect(directory.verify('payment', ordersSecret)).toBe(false);
  });

  it('refuses a secret that differs only in its last character', () => {
    expect(directory.verify('orders', `${ordersSecret.slice(0, -1)}X`)).toBe(false);
  });
});
