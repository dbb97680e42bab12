/**
 * Domain → contract shapes for the catalog's responses (services/catalog/src/http), and the
 * 400 problem for query rules the contract states in prose.
 */
import type { Schemas } from '@bazaar/generated/http/catalog/types';
import type { ContractProblem } from '@bazaar/generated/http/runtime/server-runtime';
import type { Category } from '../domain/category';
import type { PriceEntry } from '../domain/price-history';
import type { FieldProblem } from '../domain/product-query';
import { catalogErrors } from '../errors';

export function categoryBody(category: Category): Schemas['Category'] {
  return {
    id: category.id,
    name: category.name,
    slug: category.slug,
    description: category.description,
    parentId: category.parentId,
  };
}

export function priceEntryBody(entry: PriceEntry): Schemas['PriceHistoryEntry'] {
  return {
    price: { amount: entry.price.amount, currency: entry.price.currency },
    validFrom: entry.validFrom.toISOString(),
    validTo: entry.validTo ? entry.validTo.toISOString() : null,
  };
}

/** The same VALIDATION_FAILED problem the generated binding answers, for rules it cannot check. */
export function invalidQuery(problems: readonly FieldProblem[]): ContractProblem {
  const errors = problems.map(({ field, message }) => ({ field, message }));
  return catalogErrors.error(
    'VALIDATION_FAILED',
    errors.map((e) => `${e.field} ${e.message}`).join('; '),
    { errors },
  );
}
