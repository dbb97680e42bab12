/**
 * Refusals a use case answers with when a call cannot be applied at all (the adapters map them:
 * gRPC NOT_FOUND / FAILED_PRECONDITION, REST 404). Business outcomes such as OUT_OF_STOCK are
 * results, not errors.
 */

/** A product inventory does not track: never created by the catalog, or deleted since. */
export class UnknownProductError extends Error {
  override name = 'UnknownProductError';
  constructor(readonly productId: string) {
    super(`product ${productId} is not known to inventory`);
  }
}

/** The order's reservation is in a state this call cannot apply to (message says which). */
export class ReservationStateError extends Error {
  override name = 'ReservationStateError';
}
