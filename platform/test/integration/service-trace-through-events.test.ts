/**
 * A whole service started by startService (real PostgreSQL and RabbitMQ, the generated catalog
 * binding and event registry): the trace id of an HTTP request reaches the consumer of the event
 * the request caused, readiness reports the database and the broker, and shutdown stops cleanly.
 */
import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import {
  catalogEvents,
  createCatalogPublisher,
  type CatalogSubscriptions,
} from '@bazaar/generated/events/catalog';
import { eventRegistry } from '@bazaar/generated/events/registry';
import type { EventEnvelope } from '@bazaar/generated/events/types';
import { mountCatalogApi, type CatalogHandlers } from '@bazaar/generated/http/catalog/server';
import { defineConfig } from '../../src/config/define-config';
import { serviceVariables } from '../../src/config/service-variables';
import { withTransaction } from '../../src/db/transaction';
import type { EventHandlerContext } from '../../src/events/event-handler-types';
import { ServiceLifecycle } from '../../src/lifecycle/service-lifecycle';
import { createServiceRuntime } from '../../src/lifecycle/service-runtime';
import { infrastructureVariables } from '../../src/service/infrastructure-variables';
import { eventContext, outboxSink } from '../../src/service/outbox-publishing';
import { startService, type StartedService } from '../../src/service/start-service';
import { currentTraceIds } from '../../src/telemetry/trace-context';
import { createTestBroker, type TestBroker } from '../../src/testing/test-broker';
import { createTestDatabase, type TestDatabase } from '../../src/testing/test-database';
import { waitFor } from '../../src/testing/wait-for';

const { publicKey, privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

type Seen = {
  eventType: string;
  envelopeTraceId: string;
  consumerTraceId: string | undefined;
  correlationId: string;
};

let database: TestDatabase;
let broker: TestBroker;
let lifecycle: ServiceLifecycle;
let started: StartedService;
const seen: Seen[] = [];

function record(event: EventEnvelope): Promise<void> {
  seen.push({
    eventType: event.eventType,
    envelopeTraceId: event.traceId,
    consumerTraceId: currentTraceIds()?.traceId,
    correlationId: event.correlationId,
  });
  return Promise.resolve();
}

const subscriptions = Object.fromEntries(
  catalogEvents.receives.map((type) => [type, record]),
) as unknown as CatalogSubscriptions<EventHandlerContext>;

beforeAll(async () => {
  database = await createTestDatabase('service-trace');
  broker = createTestBroker('service-trace');
  const config = defineConfig('TESTSVC', {
    ...serviceVariables({ httpPort: 0 }),
    ...infrastructureVariables({ database: 'unused', broker: true }),
  }).load({
    TESTSVC_HTTP_HOST: '127.0.0.1',
    TESTSVC_LOG_LEVEL: 'silent',
    TESTSVC_JWT_PUBLIC_KEY: publicKey,
    TESTSVC_DATABASE_URL: database.url,
    TESTSVC_AMQP_URL: broker.url,
    TESTSVC_EVENT_RETRY_DELAYS_MS: '50',
  });
  const runtime = await createServiceRuntime(config, { service: 'catalog' });
  lifecycle = new ServiceLifecycle(runtime.lifecycleOptions);
  started = await startService(
    {
      service: 'catalog',
      config,
      events: {
        registry: eventRegistry,
        sends: catalogEvents.sends,
        receives: catalogEvents.receives,
        exchange: broker.exchange,
        queuePrefix: broker.queuePrefix,
        connectionName: `${broker.connectionPrefix}:service`,
      },
      build: ({ pool, runtime: rt }) => {
        const createProduct: CatalogHandlers['createProduct'] = async ({ body }, reply) => {
          const now = new Date().toISOString();
          const product = {
            id: '3f6c1a2e-8b4d-4c6e-9f1a-2b3c4d5e6f70',
            sku: body.sku,
            name: body.name,
            description: body.description ?? '',
            categoryId: null,
            price: body.price,
            inStock: false,
            salesCount: 0,
            createdAt: now,
            updatedAt: now,
          };
          await withTransaction(pool!, async (tx) => {
            const events = createCatalogPublisher(outboxSink(tx, eventRegistry), eventContext);
            await events.publish('ecommerce.product.product.created.v1', {
              productId: product.id,
              sku: product.sku,
              name: product.name,
              description: product.description,
              categoryId: null,
              price: product.price,
              createdAt: now,
            });
          });
          return reply(201, product);
        };
        const unused = async (): Promise<never> => {
          throw new Error('not used by this test');
        };
        return {
          mountApi: (router) =>
            mountCatalogApi(
              router,
              {
                createProduct,
                listProducts: unused,
                getProduct: unused,
                updateProduct: unused,
                deleteProduct: unused,
                getPriceHistory: unused,
                listCategories: unused,
                createCategory: unused,
                getCategory: unused,
                updateCategory: unused,
                deleteCategory: unused,
              },
              rt.mountOptions,
            ),
          subscriptions,
        };
      },
    },
    lifecycle,
    runtime,
  );
}, 60_000);

afterAll(async () => {
  await lifecycle?.shutdown('test over');
  await broker?.cleanup();
  await database?.drop();
});

async function adminToken(): Promise<string> {
  return new SignJWT({ roles: ['admin'] })
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer('bazaar-identity')
    .setSubject('admin-1')
    .setExpirationTime('5m')
    .sign(await importPKCS8(privateKey, 'RS256'));
}

describe('a service started by startService', () => {
  it('carries the trace id of an HTTP request to the consumer of the event it caused', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await fetch(`${started.url}/api/v1/products`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${await adminToken()}`,
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
        'Correlation-Id': 'corr-trace-test',
      },
      body: JSON.stringify({
        sku: 'MUG-TRACE-1',
        name: 'Traced mug',
        price: { amount: 999, currency: 'USD' },
      }),
    });
    expect(response.status).toBe(201);
    await waitFor(() => seen.some((s) => s.eventType === 'ecommerce.product.product.created.v1'), {
      timeoutMs: 15_000,
    });
    expect(seen).toEqual([
      {
        eventType: 'ecommerce.product.product.created.v1',
        envelopeTraceId: traceId,
        consumerTraceId: traceId,
        correlationId: 'corr-trace-test',
      },
    ]);
  }, 30_000);

  it('is ready when its database and broker answer', async () => {
    const response = await fetch(`${started.url}/health/ready`);
    expect(response.status).toBe(200);
    expect(JSON.stringify(await response.json())).toMatch(/database.*broker|broker.*database/);
  });
});
