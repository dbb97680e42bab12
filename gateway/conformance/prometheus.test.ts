/**
 * prometheus conformance (kong/plugins/prometheus): metrics named like Kong's, served on the
 * status listener's /metrics, recorded per route when the plugin's flags ask for them.
 */
import { send } from './support/http-client';
import { serviceUrl, startSuite, stopSuite, type Suite } from './support/suite';

let suite: Suite;

beforeAll(async () => {
  suite = await startSuite(
    (up) => ({
      services: [
        {
          name: 'prom-echo',
          url: serviceUrl(up),
          routes: [
            { name: 'prom-r', paths: ['/prom'] },
            { name: 'prom-auth', paths: ['/prom-auth'], plugins: [{ name: 'key-auth' }] },
          ],
        },
      ],
      plugins: [
        {
          name: 'prometheus',
          config: { status_code_metrics: true, latency_metrics: true, bandwidth_metrics: true },
        },
      ],
    }),
    { status: true },
  );
});

afterAll(() => stopSuite(suite));

async function metrics(): Promise<string> {
  const res = await fetch(`${suite.target.statusUrl}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
}

describe('prometheus', () => {
  it('counts upstream error statuses with source service', async () => {
    await send(suite.url, '/prom/status/404');
    expect(await metrics()).toMatch(/route="prom-r",code="404",source="service"/);
  });

  it('counts proxied responses in kong_http_requests_total with source service', async () => {
    await send(suite.url, '/prom');
    expect(await metrics()).toMatch(
      /kong_http_requests_total\{service="prom-echo",route="prom-r",code="200",source="service",workspace="default",consumer=""\} [1-9]/,
    );
  });

  it('labels Kong-generated responses with source kong', async () => {
    await send(suite.url, '/prom-auth');
    expect(await metrics()).toMatch(/route="prom-auth",code="401",source="kong"/);
  });

  it('records latency histograms per route', async () => {
    await send(suite.url, '/prom');
    const text = await metrics();
    expect(text).toMatch(
      /kong_kong_latency_ms_bucket\{le="1",service="prom-echo",route="prom-r",workspace="default"\}/,
    );
    expect(text).toMatch(
      /kong_upstream_latency_ms_count\{service="prom-echo",route="prom-r",workspace="default"\} [1-9]/,
    );
    expect(text).toMatch(/kong_request_latency_ms_count/);
  });

  it('records ingress and egress bandwidth', async () => {
    await send(suite.url, '/prom');
    const text = await metrics();
    expect(text).toMatch(
      /kong_bandwidth_bytes\{service="prom-echo",route="prom-r",direction="ingress",workspace="default",consumer=""\} [1-9]/,
    );
    expect(text).toMatch(/direction="egress"/);
  });

  it('records nothing for requests that matched no route', async () => {
    await send(suite.url, '/no-route-here');
    expect(await metrics()).not.toMatch(/code="404",source="kong"/);
  });

  it('exports node-level gauges', async () => {
    const text = await metrics();
    expect(text).toMatch(
      /kong_nginx_requests_total\{node_id="[0-9a-f-]+",subsystem="http"\} [1-9]/,
    );
    expect(text).toMatch(/kong_node_info\{node_id="[0-9a-f-]+",version="3\.10\.0"\} 1/);
    expect(text).toMatch(/kong_datastore_reachable 1/);
  });
});
