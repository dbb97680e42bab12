/**
 * Public operations of every OpenAPI contract → generated/sdk/, the `@bazaar/sdk` npm package that
 * third-party developers install: one typed client per service (internal operations left out),
 * `createBazaarClient` bundling them, its README, package.json and build config.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type GeneratedFiles, headerFor, REPO_ROOT } from './lib/generated-files';
import { camelCase, pascalCase, publicDocument, type ServiceContract } from './lib/openapi-model';
import { clientModule, contractTypes } from './generate-http';

const GENERATOR = 'generate-sdk.ts';
export const SDK_VERSION = '0.1.0';

function sdkPackageJson(): string {
  const generatedPackage = JSON.parse(
    readFileSync(path.join(REPO_ROOT, 'tools/codegen/templates/generated.package.json'), 'utf8'),
  ) as {
    dependencies: Record<string, string>;
  };
  return JSON.stringify({
    name: '@bazaar/sdk',
    version: SDK_VERSION,
    description:
      'Typed TypeScript client for the Bazaar public REST API, generated from its OpenAPI contracts.',
    license: 'Apache-2.0',
    keywords: ['bazaar', 'sdk', 'openapi', 'e-commerce'],
    main: 'dist/index.js',
    types: 'dist/index.d.ts',
    exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
    files: ['dist', 'README.md'],
    engines: { node: '>=20.19' },
    sideEffects: false,
    scripts: { build: 'tsc -p tsconfig.json', prepack: 'npm run build' },
    dependencies: { 'openapi-fetch': generatedPackage.dependencies['openapi-fetch'] },
  });
}

function sdkTsconfig(): string {
  return JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2022', 'DOM'],
      module: 'commonjs',
      moduleResolution: 'node10',
      declaration: true,
      strict: true,
      skipLibCheck: true,
      esModuleInterop: true,
      rootDir: 'src',
      outDir: 'dist',
      types: [],
    },
    include: ['src'],
  });
}

function indexModule(contracts: ServiceContract[]): string {
  const imports = contracts
    .map((c) => `import { create${pascalCase(c.service)}Client } from './${c.service}/client';`)
    .join('\n');
  const exportsList = contracts
    .map(
      (c) =>
        `export { create${pascalCase(c.service)}Client, type ${pascalCase(c.service)}Client, type ${pascalCase(c.service)}Problem } from './${c.service}/client';\nexport type * as ${pascalCase(c.service)}Types from './${c.service}/types';`,
    )
    .join('\n');
  const members = contracts
    .map((c) => `    ${camelCase(c.service)}: create${pascalCase(c.service)}Client(options),`)
    .join('\n');
  return `/**
 * @bazaar/sdk: typed clients for every public Bazaar API, generated from the OpenAPI contracts.
 * \`createBazaarClient({ baseUrl, token })\` gives one client per service; every method is named
 * after its operationId and typed from the contract.
 */
${imports}
import type { ClientOptions } from './runtime';

export { ProblemError, type ClientOptions } from './runtime';
${exportsList}

export function createBazaarClient(options: ClientOptions) {
  return {
${members}
  };
}

export type BazaarClient = ReturnType<typeof createBazaarClient>;
`;
}

function readme(contracts: ServiceContract[]): string {
  const rows = contracts.flatMap((c) =>
    c.operations
      .filter((op) => !op.internal)
      .map(
        (op) =>
          `| \`${camelCase(c.service)}.${op.operationId}\` | \`${op.method.toUpperCase()} ${op.path}\` | ${op.secured ? (op.roles.length ? op.roles.join(', ') : 'signed in') : 'public'} | ${op.summary} |`,
      ),
  );
  return `# @bazaar/sdk

Typed TypeScript client for the [Bazaar](https://docs.bazaar.dev) public REST API, generated from
the same OpenAPI contracts the services and the gateway are generated from, so it cannot drift
from the API. Works in Node.js 20+ and browsers (it uses \`fetch\`).

\`\`\`sh
npm install @bazaar/sdk
\`\`\`

## Quick start

\`\`\`ts
import { createBazaarClient, ProblemError } from '@bazaar/sdk';

let token: string | undefined;
const bazaar = createBazaarClient({ baseUrl: 'http://localhost:8000', token: () => token });

await bazaar.identity.register({ body: { email: 'ada@example.com', password: 'correct horse battery', displayName: 'Ada' } });
token = (await bazaar.identity.login({ body: { email: 'ada@example.com', password: 'correct horse battery' } })).accessToken;

const { items } = await bazaar.catalog.listProducts({ params: { query: { q: 'mug', sort: 'price' } } });
await bazaar.cart.addCartItem({ body: { productId: items[0]!.id, quantity: 2 } });
const order = await bazaar.orders.placeOrder({
  params: { header: { 'Idempotency-Key': crypto.randomUUID() } },
  body: { fromCart: true },
});

try {
  await bazaar.orders.payOrder({
    params: { path: { orderId: order.id }, header: { 'Idempotency-Key': crypto.randomUUID() } },
    body: { paymentMethod: { type: 'card', token: 'tok_visa' } },
  });
} catch (error) {
  if (error instanceof ProblemError) console.error(error.status, error.code, error.problem);
}
\`\`\`

## Options

| Option | Meaning |
|---|---|
| \`baseUrl\` | The gateway, e.g. \`http://localhost:8000\` |
| \`token\` | Access token, or a function returning the current one (called per request) |
| \`correlationId\` | Sent as \`Correlation-Id\` to tie your requests together in Bazaar's logs |
| \`traceparent\` | Function returning a W3C \`traceparent\`, to continue your trace |
| \`timeoutMs\` | Per-request timeout (default 10 000 ms) |
| \`headers\` | Extra headers for every request |
| \`fetch\` | Your own \`fetch\` implementation |

Every method takes openapi-fetch's init object (\`params.path\`, \`params.query\`, \`params.header\`,
\`body\`) and resolves to the typed body of the success response. Any other status throws a
\`ProblemError\` with \`status\`, \`code\` (Bazaar's stable error code) and \`problem\` (the RFC 9457
body, or the gateway's \`{ message }\`). Each client's \`raw\` property is the underlying
openapi-fetch client, for when you need response headers.

## Operations

| Method | HTTP | Access | Summary |
|---|---|---|---|
${rows.join('\n')}
`;
}

export async function generateSdk(
  files: GeneratedFiles,
  contracts: ServiceContract[],
): Promise<void> {
  const publicContracts = contracts
    .map((c) => ({
      ...c,
      document: publicDocument(c.document),
      operations: c.operations.filter((op) => !op.internal),
    }))
    .filter((c) => c.operations.length > 0);
  const runtime = readFileSync(
    path.join(REPO_ROOT, 'tools/codegen/templates/client-runtime.ts'),
    'utf8',
  );
  await files.addTs(
    'sdk/src/runtime.ts',
    headerFor(GENERATOR, 'tools/codegen/templates/client-runtime.ts'),
    runtime,
  );
  for (const contract of publicContracts) {
    const header = headerFor(GENERATOR, `${contract.source} (public operations)`);
    await files.addTs(
      `sdk/src/${contract.service}/types.ts`,
      header,
      await contractTypes(contract.document),
    );
    await files.addTs(
      `sdk/src/${contract.service}/client.ts`,
      header,
      clientModule(contract, contract.operations, '../runtime'),
    );
  }
  await files.addTs(
    'sdk/src/index.ts',
    headerFor(GENERATOR, 'contracts/openapi/*.yaml'),
    indexModule(publicContracts),
  );
  await files.add('sdk/package.json', sdkPackageJson());
  await files.add('sdk/tsconfig.json', sdkTsconfig());
  await files.add('sdk/README.md', readme(publicContracts));
}
