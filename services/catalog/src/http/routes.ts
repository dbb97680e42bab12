/**
 * Every operation of contracts/openapi/catalog.yaml, operationId → handler (the only list; the
 * generated CatalogHandlers type makes a missing or mistyped one a compile error). Successes go
 * through `reply`; failures are thrown as catalog problems, which the platform renders with the
 * request path and correlation id like every other error.
 */
import type { CatalogHandlers } from '@bazaar/generated/http/catalog/server';
import type { CatalogDeps } from '../use-cases/catalog-deps';
import { createCategoryHandler } from './create-category.handler';
import { createProductHandler } from './create-product.handler';
import { deleteCategoryHandler } from './delete-category.handler';
import { deleteProductHandler } from './delete-product.handler';
import { getCategoryHandler } from './get-category.handler';
import { getPriceHistoryHandler } from './get-price-history.handler';
import { getProductHandler } from './get-product.handler';
import { listCategoriesHandler } from './list-categories.handler';
import { listProductsHandler } from './list-products.handler';
import { updateCategoryHandler } from './update-category.handler';
import { updateProductHandler } from './update-product.handler';

export function catalogRoutes(deps: CatalogDeps): CatalogHandlers {
  return {
    listProducts: listProductsHandler(deps),
    createProduct: createProductHandler(deps),
    getProduct: getProductHandler(deps),
    updateProduct: updateProductHandler(deps),
    deleteProduct: deleteProductHandler(deps),
    getPriceHistory: getPriceHistoryHandler(deps),
    listCategories: listCategoriesHandler(deps),
    createCategory: createCategoryHandler(deps),
    getCategory: getCategoryHandler(deps),
    updateCategory: updateCategoryHandler(deps),
    deleteCategory: deleteCategoryHandler(deps),
  };
}
