/**
 * The catalog's error catalog (services/catalog/src/errors.ts): the CATALOG_ERR_* codes of
 * contracts/openapi/catalog.yaml plus the shared codes the contract's generic responses use
 * (NOT_FOUND, CONFLICT, VALIDATION_FAILED), each rendered as an RFC 9457 problem.
 */
import { defineErrors } from '@bazaar/platform/errors/index';

export const catalogErrors = defineErrors({
  CATALOG_ERR_SKU_TAKEN: { status: 409, title: 'SKU already in use' },
  CATALOG_ERR_UNKNOWN_CATEGORY: { status: 422, title: 'Unknown category' },
  // The contract answers these with its shared NotFound / Conflict / BadRequest responses.
  NOT_FOUND: { status: 404, title: 'Resource not found' },
  CONFLICT: { status: 409, title: 'Conflict' },
  VALIDATION_FAILED: { status: 400, title: 'Request validation failed' },
});

export type CatalogErrorCode = keyof typeof catalogErrors.entries;
