/** Public surface of platform/src/errors: service error catalogs and their contract check. */
export {
  checkErrorCatalog,
  defineErrors,
  type ErrorCatalog,
  type ErrorEntry,
} from './define-errors';
