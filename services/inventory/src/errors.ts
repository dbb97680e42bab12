/**
 * The inventory service's error catalog (style rule 5): every INVENTORY_ERR_* code of
 * contracts/openapi/inventory.yaml with its status and title, plus the shared codes it answers with.
 */
import { defineErrors } from '@bazaar/platform/errors/index';

export const inventoryErrors = defineErrors({
  INVENTORY_ERR_INSUFFICIENT_STOCK: { status: 409, title: 'Insufficient stock' },
  NOT_FOUND: { status: 404, title: 'Resource not found' },
  VALIDATION_FAILED: { status: 400, title: 'Request validation failed' },
});
