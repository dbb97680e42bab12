import { type Request } from 'express';
import { routeTemplateOf, UNMATCHED_ROUTE } from './route-template';

function req(fields: Record<string, unknown>): Request {
  return { baseUrl: '', ...fields } as unknown as Request;
}

describe('routeTemplateOf', () => {
  it('prefers the contract path the validator matched', () => {
    const request = req({
      openapi: { openApiRoute: '/api/v1/products/{productId}' },
      route: { path: '/api/v1/products/:productId' },
    });
    expect(routeTemplateOf(request)).toBe('/api/v1/products/{productId}');
  });

  it('rewrites an express route with its mount path to the contract style', () => {
    expect(
      routeTemplateOf(
        req({ baseUrl: '/internal', route: { path: '/orders/:orderId/items/:itemId' } }),
      ),
    ).toBe('/internal/orders/{orderId}/items/{itemId}');
  });

  it('labels a request that matched nothing without using its path', () => {
    expect(routeTemplateOf(req({ path: '/api/v1/products/123' }))).toBe(UNMATCHED_ROUTE);
  });
});
