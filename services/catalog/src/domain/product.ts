/**
 * The product aggregate of the catalog: what an admin can set (name, description, category,
 * price), what the catalog learns from other contexts (in stock, units sold), and the rules for
 * changing and withdrawing it. Pure: persistence and the HTTP mapping live outside domain/.
 */
import { type Money, sameMoney } from './money';
import { type PriceChange, type PriceEntry, planPriceChange } from './price-history';

export interface Product {
  readonly id: string;
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  readonly categoryId: string | null;
  readonly price: Money;
  /** Whether inventory last reported units available to order (false until it reports any). */
  readonly inStock: boolean;
  /** Units sold in paid orders. */
  readonly salesCount: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Set when the product was withdrawn from sale (soft delete: the row and its history stay). */
  readonly deletedAt: Date | null;
}

/** The fields an update may change, in the order `changedFields` lists them. */
export const PRODUCT_FIELDS = ['name', 'description', 'categoryId', 'price'] as const;
export type ProductField = (typeof PRODUCT_FIELDS)[number];

export interface NewProductInput {
  readonly sku: string;
  readonly name: string;
  readonly description?: string;
  readonly categoryId?: string | null;
  readonly price: Money;
}

export type ProductChanges = Partial<Pick<Product, ProductField>>;

/** A product as it starts: not in stock until inventory says so, nothing sold. */
export function newProduct(id: string, input: NewProductInput, at: Date): Product {
  return {
    id,
    sku: input.sku,
    name: input.name,
    description: input.description ?? '',
    categoryId: input.categoryId ?? null,
    price: input.price,
    inStock: false,
    salesCount: 0,
    createdAt: at,
    updatedAt: at,
    deletedAt: null,
  };
}

export type ProductUpdateOutcome =
  | {
      readonly kind: 'changed';
      readonly product: Product;
      /** At least one field, in PRODUCT_FIELDS order. */
      readonly changedFields: readonly [ProductField, ...ProductField[]];
      readonly priceChange: PriceChange | undefined;
    }
  | { readonly kind: 'unchanged'; readonly product: Product }
  | { readonly kind: 'withdrawn' };

function differs(product: Product, changes: ProductChanges, field: ProductField): boolean {
  if (!(field in changes) || changes[field] === undefined) return false;
  if (field === 'price') return !sameMoney(product.price, changes.price as Money);
  return product[field] !== changes[field];
}

/**
 * Applies a partial update at `at`. Fields given with their current value are not changes; an
 * update that changes nothing leaves the product (and its `updatedAt`) as it was. A new price is
 * planned against the open price entry, and the product's `updatedAt` is the instant that entry
 * opens, so the product, its history and the events all carry the same instant.
 */
export function applyProductChanges(
  product: Product,
  currentPrice: PriceEntry,
  changes: ProductChanges,
  at: Date,
): ProductUpdateOutcome {
  if (product.deletedAt !== null) return { kind: 'withdrawn' };
  const [first, ...others] = PRODUCT_FIELDS.filter((field) => differs(product, changes, field));
  if (first === undefined) return { kind: 'unchanged', product };
  const changedFields: [ProductField, ...ProductField[]] = [first, ...others];
  const priceChange = changedFields.includes('price')
    ? planPriceChange(currentPrice, changes.price as Money, at)
    : undefined;
  const updatedAt = priceChange?.effectiveAt ?? at;
  const changed = Object.fromEntries(changedFields.map((field) => [field, changes[field]]));
  return {
    kind: 'changed',
    product: { ...product, ...changed, updatedAt },
    changedFields,
    priceChange,
  };
}

export type WithdrawOutcome =
  | { readonly kind: 'withdrawn'; readonly product: Product }
  | { readonly kind: 'already-withdrawn' };

/** Withdraws the product from sale at `at`; a product can be withdrawn once. */
export function withdrawProduct(product: Product, at: Date): WithdrawOutcome {
  if (product.deletedAt !== null) return { kind: 'already-withdrawn' };
  return { kind: 'withdrawn', product: { ...product, deletedAt: at } };
}

/** The product as the outside world sees it (the contract's Product, JSON-ready). */
export interface ProductView {
  id: string;
  sku: string;
  name: string;
  description: string;
  categoryId: string | null;
  price: { amount: number; currency: string };
  inStock: boolean;
  salesCount: number;
  createdAt: string;
  updatedAt: string;
}

export function toProductView(product: Product): ProductView {
  return {
    id: product.id,
    sku: product.sku,
    name: product.name,
    description: product.description,
    categoryId: product.categoryId,
    price: { amount: product.price.amount, currency: product.price.currency },
    inStock: product.inStock,
    salesCount: product.salesCount,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
  };
}
