import { createHttpMetrics, createMetricsRegistry } from './metrics';

describe('metrics', () => {
  it('labels every metric with the service', async () => {
    const registry = createMetricsRegistry({ service: 'cart', defaultMetrics: false });
    createHttpMetrics(registry).requests.inc({
      method: 'GET',
      route: '/api/v1/cart',
      status: '200',
    });
    expect(await registry.metrics()).toContain(
      'http_requests_total{method="GET",route="/api/v1/cart",status="200",service="cart"} 1',
    );
  });

  it('includes process metrics by default', async () => {
    const registry = createMetricsRegistry({ service: 'cart' });
    expect(await registry.metrics()).toContain('process_cpu_user_seconds_total');
  });

  it('keeps two registries independent so two apps can live in one process', async () => {
    const a = createMetricsRegistry({ service: 'a', defaultMetrics: false });
    const b = createMetricsRegistry({ service: 'b', defaultMetrics: false });
    createHttpMetrics(a).requests.inc({ method: 'GET', route: '/x', status: '200' });
    createHttpMetrics(b);
    expect(await b.metrics()).not.toContain('route="/x"');
  });
});
