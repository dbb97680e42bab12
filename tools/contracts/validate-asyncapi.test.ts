/**
 * What this proves: the real event contracts pass the AsyncAPI gate and describe exactly the event
 * table of contracts/README.md, and each kind of broken contract is reported. Broken cases edit a
 * copy of a few documents in a temp directory (with the OpenAPI files the envelope $refs), so the
 * real contracts are never touched; each case first has a clean copy of the same files pass.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import {
  analyzeAsyncApiContracts,
  validateAsyncApiContracts,
  type ContractDiagnostic,
  type EventSummary,
} from './validate-asyncapi';

const root = path.resolve(__dirname, '../..');
const contracts = path.join(root, 'contracts');
// The parser resolves every $ref from disk; a document takes about a second on a busy machine.
const SLOW = 120_000;

type Yaml = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- free-form YAML edits

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** Copies the given AsyncAPI documents, the shared envelope and the OpenAPI files it $refs. */
function copyContracts(...documents: string[]): string {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bazaar-asyncapi-'));
  scratch.push(tmp);
  const asyncapi = path.join(tmp, 'contracts', 'asyncapi');
  cpSync(path.join(contracts, 'asyncapi', '_shared'), path.join(asyncapi, '_shared'), {
    recursive: true,
  });
  cpSync(
    path.join(contracts, 'openapi', '_shared'),
    path.join(tmp, 'contracts', 'openapi', '_shared'),
    { recursive: true },
  );
  cpSync(
    path.join(contracts, 'openapi', 'catalog.yaml'),
    path.join(tmp, 'contracts', 'openapi', 'catalog.yaml'),
  );
  for (const doc of documents)
    cpSync(path.join(contracts, 'asyncapi', doc), path.join(asyncapi, doc));
  return asyncapi;
}

function edit(dir: string, file: string, change: (doc: Yaml) => void): void {
  const target = path.join(dir, file);
  const doc = parse(readFileSync(target, 'utf8')) as Yaml;
  change(doc);
  writeFileSync(target, stringify(doc));
}

const errorsOf = (diagnostics: ContractDiagnostic[]) =>
  diagnostics.filter((d) => d.severity === 'error');

/** The rows of the "Events (AsyncAPI)" table in contracts/README.md. */
function readmeEventTable(): EventSummary[] {
  const readme = readFileSync(path.join(contracts, 'README.md'), 'utf8');
  return readme
    .split('\n')
    .filter((line) => line.startsWith('| `ecommerce.'))
    .map((line) => {
      const [eventType = '', producer = '', partitionKey = '', consumers = ''] = line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim().replace(/`/g, ''));
      return {
        eventType,
        producer,
        partitionKey,
        consumers:
          consumers === '—'
            ? []
            : consumers
                .split(',')
                .map((c) => c.trim())
                .sort(),
      };
    })
    .sort((a, b) => a.eventType.localeCompare(b.eventType));
}

describe('the real AsyncAPI contracts', () => {
  let result: Awaited<ReturnType<typeof analyzeAsyncApiContracts>>;
  beforeAll(async () => {
    result = await analyzeAsyncApiContracts(path.join(contracts, 'asyncapi'));
  }, SLOW);

  it('have no errors and no warnings', () => {
    expect(result.diagnostics).toEqual([]);
  });

  it('describe exactly the 21 events, producers, partition keys and consumers of contracts/README.md', () => {
    const table = readmeEventTable();
    expect(table).toHaveLength(21);
    expect(result.events).toEqual(table);
  });
});

describe('a broken copy of the contracts', () => {
  it(
    'passes while unchanged, so each finding below comes from its edit',
    async () => {
      const dir = copyContracts('identity.yaml', 'pricing.yaml');
      expect(await validateAsyncApiContracts(dir)).toEqual([]);
    },
    SLOW,
  );

  it(
    'reports an example that violates its payload schema',
    async () => {
      const dir = copyContracts('pricing.yaml');
      edit(dir, 'pricing.yaml', (doc) => {
        delete doc.components.messages.FlashSaleStarted.examples[0].payload.payload.salePrice;
      });
      expect(errorsOf(await validateAsyncApiContracts(dir))).toContainEqual(
        expect.objectContaining({
          path: 'components.messages.FlashSaleStarted.examples[0].payload',
          message: expect.stringContaining("/payload must have required property 'salePrice'"),
        }),
      );
    },
    SLOW,
  );

  it(
    'reports an eventType const that differs from the channel address',
    async () => {
      const dir = copyContracts('pricing.yaml');
      edit(dir, 'pricing.yaml', (doc) => {
        doc.components.schemas.FlashSaleStartedEvent.allOf[1].properties.eventType.const =
          'ecommerce.pricing.flash_sale.ended.v1';
      });
      expect(errorsOf(await validateAsyncApiContracts(dir))).toContainEqual(
        expect.objectContaining({
          file: expect.stringContaining('pricing.yaml'),
          message:
            'eventType const "ecommerce.pricing.flash_sale.ended.v1" differs from the channel address ecommerce.pricing.flash_sale.started.v1',
        }),
      );
    },
    SLOW,
  );

  it(
    'reports an event type sent by two services',
    async () => {
      const dir = copyContracts('identity.yaml');
      cpSync(path.join(dir, 'identity.yaml'), path.join(dir, 'accounts.yaml'));
      const errors = errorsOf(await validateAsyncApiContracts(dir));
      const duplicate =
        'ecommerce.identity.user.registered.v1 is sent by accounts and identity: each event type has exactly one producer';
      expect(errors).toContainEqual(
        expect.objectContaining({
          file: expect.stringContaining('accounts.yaml'),
          message: duplicate,
        }),
      );
      expect(errors).toContainEqual(
        expect.objectContaining({
          file: expect.stringContaining('identity.yaml'),
          message: duplicate,
        }),
      );
    },
    SLOW,
  );

  it(
    'reports a receive operation for an event no document sends',
    async () => {
      const dir = copyContracts('identity.yaml', 'pricing.yaml');
      edit(dir, 'identity.yaml', (doc) => {
        delete doc.operations.sendUserRegistered;
      });
      edit(dir, 'pricing.yaml', (doc) => {
        doc.channels.userRegistered = { $ref: './identity.yaml#/channels/userRegistered' };
        doc.operations.receiveUserRegistered = {
          action: 'receive',
          channel: { $ref: '#/channels/userRegistered' },
          messages: [{ $ref: '#/channels/userRegistered/messages/UserRegistered' }],
          bindings: { amqp: { ack: true, bindingVersion: '0.3.0' } },
        };
        doc.info.description += ' Queue: bazaar.pricing.';
      });
      expect(errorsOf(await validateAsyncApiContracts(dir))).toContainEqual(
        expect.objectContaining({
          file: expect.stringContaining('pricing.yaml'),
          path: 'operations.receiveUserRegistered',
          message: 'receives ecommerce.identity.user.registered.v1, which no document sends',
        }),
      );
    },
    SLOW,
  );

  it(
    'reports a document the parser rejects without blaming the consumers of its events',
    async () => {
      const dir = copyContracts(
        'identity.yaml',
        'cart.yaml',
        'catalog.yaml',
        'orders.yaml',
        'payment.yaml',
      );
      edit(dir, 'identity.yaml', (doc) => {
        doc.operations.sendUserRegistered.action = 'publish';
      });
      const errors = errorsOf(await validateAsyncApiContracts(dir));
      expect(errors).toContainEqual(
        expect.objectContaining({
          file: expect.stringContaining('identity.yaml'),
          path: 'operations.sendUserRegistered.action',
        }),
      );
      expect(errors.filter((e) => e.message.includes('which no document sends'))).toEqual([]);
    },
    SLOW,
  );

  it(
    "reports an example whose producer is not the document's service",
    async () => {
      const dir = copyContracts('pricing.yaml');
      edit(dir, 'pricing.yaml', (doc) => {
        doc.components.messages.FlashSaleStarted.examples[0].payload.producer = 'catalog';
      });
      expect(errorsOf(await validateAsyncApiContracts(dir))).toContainEqual(
        expect.objectContaining({
          path: 'components.messages.FlashSaleStarted.examples[0].payload.producer',
          message: expect.stringContaining(
            'must be the service that owns this document, "pricing"',
          ),
        }),
      );
    },
    SLOW,
  );

  it(
    'reports a channel that is not bound to the durable topic exchange bazaar.events',
    async () => {
      const dir = copyContracts('pricing.yaml');
      edit(dir, 'pricing.yaml', (doc) => {
        doc.channels.flashSaleStarted.bindings.amqp.exchange.durable = false;
      });
      expect(errorsOf(await validateAsyncApiContracts(dir))).toContainEqual(
        expect.objectContaining({
          path: 'channels.flashSaleStarted.bindings.amqp.exchange.durable',
          message: 'amqp channel binding exchange.durable must be true, found false',
        }),
      );
    },
    SLOW,
  );

  it(
    'reports an event payload schema closed with additionalProperties: false',
    async () => {
      const dir = copyContracts('pricing.yaml');
      edit(dir, 'pricing.yaml', (doc) => {
        doc.components.schemas.FlashSaleStartedPayload.additionalProperties = false;
      });
      expect(errorsOf(await validateAsyncApiContracts(dir))).toContainEqual(
        expect.objectContaining({
          path: 'components.messages.FlashSaleStarted.payload',
          message: expect.stringContaining('stay open'),
        }),
      );
    },
    SLOW,
  );

  it(
    'makes the command line print the error and exit 1',
    () => {
      const dir = copyContracts('pricing.yaml');
      edit(dir, 'pricing.yaml', (doc) => {
        doc.channels.flashSaleStarted.address = 'pricing.flash-sale.started';
      });
      const run = spawnSync(
        path.join(root, 'node_modules', '.bin', 'tsx'),
        [path.join(__dirname, 'validate-asyncapi.ts'), dir],
        {
          encoding: 'utf8',
        },
      );
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(
        'channels.flashSaleStarted.address: channel address "pricing.flash-sale.started" is not an event type',
      );
    },
    SLOW,
  );
});
