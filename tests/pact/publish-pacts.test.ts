/**
 * Pact plumbing without a real broker: providers find exactly their consumers' pact files, and
 * publishing sends each pact and its branch to the broker API named by PACT_BROKER_BASE_URL.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pactFilesFor } from './pact-files';
import { publishPacts } from './publish-pacts';

let dir: string;
const savedEnv = { ...process.env };

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bazaar-pacts-'));
  writeFileSync(
    path.join(dir, 'cart-catalog.json'),
    JSON.stringify({ consumer: { name: 'cart' }, provider: { name: 'catalog' } }),
  );
  writeFileSync(
    path.join(dir, 'orders-payment.json'),
    JSON.stringify({ consumer: { name: 'orders' }, provider: { name: 'payment' } }),
  );
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  process.env = { ...savedEnv };
});

describe('pact plumbing', () => {
  it('gives a provider the pact files of its consumers only', () => {
    expect(pactFilesFor('catalog', { dir })).toEqual([path.join(dir, 'cart-catalog.json')]);
  });

  it('fails with a clear message when no consumer wrote a pact for the provider', () => {
    expect(() => pactFilesFor('inventory', { dir })).toThrow(
      /no pact for provider "inventory".*run the consumer tests first/,
    );
  });

  it('fails when a consumer known to have a pact with the provider wrote none', () => {
    expect(pactFilesFor('catalog', { dir, consumers: ['cart'] })).toHaveLength(1);
    expect(() => pactFilesFor('catalog', { dir, consumers: ['cart', 'inventory'] })).toThrow(
      /no pact of "inventory" with provider "catalog".*run the consumer tests first/,
    );
  });

  it('publishes nothing without PACT_BROKER_BASE_URL', async () => {
    delete process.env.PACT_BROKER_BASE_URL;
    const fetchImpl = jest.fn();
    expect(await publishPacts(dir, fetchImpl as never)).toEqual([]);
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('publishes every pact and its branch to the broker with the token', async () => {
    process.env.PACT_BROKER_BASE_URL = 'https://broker.example/';
    process.env.PACT_BROKER_TOKEN = 't0k';
    process.env.PACT_VERSION = '1.2.3';
    process.env.PACT_BRANCH = 'main';
    const calls: { url: string; auth: string | null }[] = [];
    const fetchImpl = async (url: string | URL | Request, init?: RequestInit) => {
      calls.push({ url: String(url), auth: new Headers(init?.headers).get('authorization') });
      return new Response('{}', { status: 200 });
    };
    const published = await publishPacts(dir, fetchImpl as typeof fetch);
    expect(published).toEqual(['cart -> catalog', 'orders -> payment']);
    expect(calls.map((c) => c.url)).toEqual([
      'https://broker.example/pacts/provider/catalog/consumer/cart/version/1.2.3',
      'https://broker.example/pacticipants/cart/branches/main/versions/1.2.3',
      'https://broker.example/pacts/provider/payment/consumer/orders/version/1.2.3',
      'https://broker.example/pacticipants/orders/branches/main/versions/1.2.3',
    ]);
    expect(new Set(calls.map((c) => c.auth))).toEqual(new Set(['Bearer t0k']));
  });

  it('stops with the broker answer when a publish is refused', async () => {
    process.env.PACT_BROKER_BASE_URL = 'https://broker.example';
    const fetchImpl = async () => new Response('nope', { status: 409 });
    await expect(publishPacts(dir, fetchImpl as typeof fetch)).rejects.toThrow(
      /answered 409: nope/,
    );
  });
});
