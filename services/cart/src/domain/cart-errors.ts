/**
 * The rules a cart refuses to break, as typed domain errors: use cases let them through and the
 * HTTP handlers translate each into its CART_ERR_* problem.
 */

export abstract class CartRuleError extends Error {}

/** The line would hold more than the most units one product may have in a cart. */
export class QuantityLimitError extends CartRuleError {
  override name = 'QuantityLimitError';
  constructor(
    readonly held: number,
    readonly requested: number,
    readonly limit: number,
  ) {
    super(
      held > 0
        ? `the cart already holds ${held} of this product; at most ${limit} are allowed`
        : `at most ${limit} units of a product are allowed; ${requested} were requested`,
    );
  }
}

/** A new product would exceed the most different products one cart may hold. */
export class TooManyProductsError extends CartRuleError {
  override name = 'TooManyProductsError';
  constructor(readonly limit: number) {
    super(`a cart holds at most ${limit} different products`);
  }
}

/** The product is priced in another currency than the lines already in the cart. */
export class CurrencyMismatchError extends CartRuleError {
  override name = 'CurrencyMismatchError';
  constructor(
    readonly cartCurrency: string,
    readonly productCurrency: string,
  ) {
    super(`the cart is in ${cartCurrency}; this product is priced in ${productCurrency}`);
  }
}

/** The addressed product has no line in the cart. */
export class ItemNotInCartError extends CartRuleError {
  override name = 'ItemNotInCartError';
  constructor(readonly productId: string) {
    super(`product ${productId} is not in the cart`);
  }
}

/** The catalog does not know the product (never created, or deleted), so it cannot be added. */
export class UnknownProductError extends CartRuleError {
  override name = 'UnknownProductError';
  constructor(readonly productId: string) {
    super(`product ${productId} does not exist`);
  }
}
