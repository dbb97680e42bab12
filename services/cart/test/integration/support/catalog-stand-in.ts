/**
 * A catalog for cart's integration suites, on a real HTTP port: the GENERATED catalog server
 * binding serves `getProduct` from an in-memory product list, validating every answer against
 * contracts/openapi/catalog.yaml (a drifting stand-in answers 500 and fails the suite), and it
 * records what reached it. It can also fail like a real outage: connections cut, or no answer.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Schemas } from '@bazaar/generated/http/catalog/types';
import { mountCatalogApi, type CatalogHandlers } from '@bazaar/generated/http/catalog/server';
import { createServiceApp } from '@bazaar/platform/http/index';
import { createLogger } from '@bazaar/platform/telemetry/index';
import type { NextFunction, Request, Response } from 'express';

export type Product = Schemas['Product'];

/** `cut`: the connection is closed without an answer; `silent`: the request is never answered. */
export type Outage = 'none' | 'cut' | 'silent';

export interface SeenRequest {
  path: string;
  correlationId: string | undefined;
  traceparent: string | undefined;
}

export interface CatalogStandIn {
  url: string;
  /** Every request that reached the stand-in (outages included), oldest first. */
  readonly requests: SeenRequest[];
  put(product: Product): Product;
  remove(productId: string): void;
  setOutage(outage: Outage): void;
  stop(): Promise<void>;
}

/** A product as the catalog would answer for it; override what the test cares about. */
export function product(overrides: Partial<Product> & { id: string }): Product {
  return {
    sku: 'MUG-BLUE-01',
    name: 'Blue ceramic mug',
    description: '350 ml, dishwasher safe.',
    categoryId: null,
    price: { amount: 1299, currency: 'USD' },
    inStock: true,
    salesCount: 0,
    createdAt: '2026-11-01T09:00:00.000Z',
    updatedAt: '2026-11-01T09:00:00.000Z',
    ...overrides,
  };
}

export async function startCatalogStandIn(): Promise<CatalogStandIn> {
  const products = new Map<string, Product>();
  const requests: SeenRequest[] = [];
  let outage: Outage = 'none';

  const notServed = async (): Promise<never> => {
    throw new Error('the catalog stand-in serves getProduct only');
  };
  const handlers: CatalogHandlers = {
    async getProduct({ path }, reply) {
      const found = products.get(path.productId);
      if (found) return reply(200, found);
      return reply(404, {
        type: 'https://docs.bazaar.dev/problems/not-found',
        title: 'Resource not found',
        status: 404,
        code: 'NOT_FOUND',
        detail: `product ${path.productId} does not exist`,
      });
    },
    listProducts: notServed,
    createProduct: notServed,
    updateProduct: notServed,
    deleteProduct: notServed,
    getPriceHistory: notServed,
    listCategories: notServed,
    createCategory: notServed,
    getCategory: notServed,
    updateCategory: notServed,
    deleteCategory: notServed,
  };

  const { app } = createServiceApp({
    service: 'catalog-stand-in',
    logger: createLogger({ service: 'catalog-stand-in', level: 'silent' }),
    mountApi: (router) => {
      router.use(function recordAndFail(req: Request, _res: Response, next: NextFunction) {
        requests.push({
          path: req.path,
          correlationId: req.get('Correlation-Id'),
          traceparent: req.get('traceparent'),
        });
        if (outage === 'cut') req.socket.destroy();
        else if (outage === 'none') next();
        // 'silent': never answered; the caller's timeout has to end it.
      });
      mountCatalogApi(router, handlers, {
        authenticate: async () => undefined,
        validateResponses: true,
      });
    },
  });

  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    put(p) {
      products.set(p.id, p);
      return p;
    },
    remove: (productId) => void products.delete(productId),
    setOutage(next) {
      outage = next;
    },
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
