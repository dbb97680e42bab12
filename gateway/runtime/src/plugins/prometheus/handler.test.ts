import { GatewayMetrics } from '../../status/gateway-metrics';
import { bindPlugin, fakeContext, testConfig } from '../../testing/fake-request';

const config = (flags: object) =>
  testConfig({
    services: [{ name: 'svc', url: 'http://127.0.0.1:1', routes: [{ name: 'r1', paths: ['/'] }] }],
    plugins: [{ name: 'prometheus', config: flags }],
  });

function logged(
  flags: object,
  prepare: (ctx: ReturnType<typeof fakeContext>, cfg: ReturnType<typeof config>) => void,
) {
  const cfg = config(flags);
  const metrics = new GatewayMetrics();
  const ctx = fakeContext();
  prepare(ctx, cfg);
  bindPlugin(cfg, 'prometheus', metrics).log!(ctx);
  return metrics.exposition();
}

describe('prometheus handler', () => {
  it('records status codes with the service name, route name and source', async () => {
    const text = await logged({ status_code_metrics: true }, (ctx, cfg) => {
      ctx.match = { route: cfg.routes[0]!, service: cfg.services[0]! };
      ctx.status = 200;
      ctx.responseSource = 'service';
    });
    expect(text).toContain(
      'kong_http_requests_total{service="svc",route="r1",code="200",source="service",workspace="default",consumer=""} 1',
    );
  });

  it('labels Kong-generated answers as source kong', async () => {
    const text = await logged({ status_code_metrics: true }, (ctx, cfg) => {
      ctx.match = { route: cfg.routes[0]!, service: cfg.services[0]! };
      ctx.status = 401;
    });
    expect(text).toContain('code="401",source="kong"');
  });

  it('records nothing when no route matched', async () => {
    const text = await logged({ status_code_metrics: true }, (ctx) => {
      ctx.status = 404;
    });
    expect(text).not.toContain('code="404"');
  });

  it('records nothing while the flags are off (Kong defaults)', async () => {
    const text = await logged({}, (ctx, cfg) => {
      ctx.match = { route: cfg.routes[0]!, service: cfg.services[0]! };
      ctx.status = 200;
    });
    expect(text).not.toContain('kong_http_requests_total{');
  });
});
