/**
 * Compile-time proof that the generated server binding is strict: each `@ts-expect-error` below is
 * a handler the contract forbids. If the generated types ever loosen, the directive becomes unused
 * and `make typecheck` fails. Never executed; only type-checked.
 */
import type { CatalogHandlers } from '@bazaar/generated/http/catalog/server';
import type { Schemas } from '@bazaar/generated/http/catalog/types';

type GetProduct = CatalogHandlers['getProduct'];
type CreateProduct = CatalogHandlers['createProduct'];
type DeleteProduct = CatalogHandlers['deleteProduct'];

const product: Schemas['Product'] = {
  id: '3f6c1a2e-8b4d-4c6e-9f1a-2b3c4d5e6f70',
  sku: 'MUG-BLUE-01',
  name: 'Blue ceramic mug',
  description: '',
  categoryId: null,
  price: { amount: 1299, currency: 'USD' },
  inStock: true,
  salesCount: 0,
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-01T09:00:00.000Z',
};

export const allowed: GetProduct = async (_input, reply) => reply(200, product);

export const missingRequiredField: GetProduct = async (_input, reply) => {
  const { sku: _sku, ...withoutSku } = product;
  // @ts-expect-error `sku` is required in Product
  return reply(200, withoutSku);
};

export const wrongFieldType: GetProduct = async (_input, reply) =>
  // @ts-expect-error `salesCount` is an integer, not a string
  reply(200, { ...product, salesCount: '3' });

export const extraProperty: GetProduct = async (_input, reply) =>
  // @ts-expect-error Product has additionalProperties: false, so no `stock` field
  reply(200, { ...product, stock: 3 });

export const undocumentedStatus: GetProduct = async (_input, reply) =>
  // @ts-expect-error getProduct has no 201 response
  reply(201, product);

export const bodyOfAnotherStatus: GetProduct = async (_input, reply) =>
  // @ts-expect-error a 404 carries a Problem, not a Product
  reply(404, product);

export const bodyOnNoContent: DeleteProduct = async (_input, reply) =>
  // @ts-expect-error 204 has no body
  reply(204, product);

export const noBodyOnNoContent: DeleteProduct = async (_input, reply) => reply(204);

export const bodyIsRequired: GetProduct = async (_input, reply) =>
  // @ts-expect-error a 200 must carry the product
  reply(200);

// @ts-expect-error a handler cannot bypass `reply` with a plain object
export const plainObject: GetProduct = async () => ({ status: 200, body: product });

export const undocumentedHeader: CreateProduct = async ({ body }, reply) =>
  // @ts-expect-error 201 documents Location and Correlation-Id, not ETag
  reply(201, { ...product, sku: body.sku }, { ETag: '"1"' });

export const authIsRequired: CreateProduct = async ({ auth, body }, reply) => {
  // Secured operations receive a non-optional auth context.
  const userId: string = auth.userId;
  // The request body is typed from the contract.
  const sku: string = body.sku;
  // @ts-expect-error NewProduct has no `id`
  const id: string = body.id;
  return reply(201, { ...product, id: `${userId}${sku}${id}` }, { Location: '/x' });
};

export const authIsOptionalWhenPublic: GetProduct = async ({ auth, path }, reply) => {
  // @ts-expect-error a public operation may be called without a token
  const userId: string = auth.userId;
  const productId: string = path.productId;
  return reply(200, { ...product, id: productId + userId });
};
