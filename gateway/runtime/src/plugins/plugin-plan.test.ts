import { testConfig, bindPlugins } from '../testing/fake-request';
import { PluginPlans, resolveEntry, type ResolvedPlugin } from './plugin-plan';
import { PLUGINS } from './registry';

function plans(doc: object) {
  const cfg = testConfig(doc);
  const resolved: ResolvedPlugin[] = [];
  for (const name of new Set(cfg.plugins.map((p) => p.name))) {
    for (const { instance, phases } of bindPlugins(cfg, name))
      resolved.push({ handler: PLUGINS[name]!, instance, phases });
  }
  return { cfg, plans: new PluginPlans(cfg, resolved) };
}

const doc = {
  consumers: [{ username: 'vip' }],
  services: [
    {
      name: 's',
      host: 'h.test',
      routes: [
        {
          name: 'with-route-plugin',
          paths: ['/a'],
          plugins: [{ name: 'rate-limiting', config: { minute: 6 } }],
        },
        { name: 'bare', paths: ['/b'] },
      ],
      plugins: [{ name: 'rate-limiting', config: { minute: 7 } }],
    },
  ],
  plugins: [
    { name: 'rate-limiting', config: { minute: 8 } },
    { name: 'rate-limiting', consumer: 'vip', config: { minute: 9 } },
    { name: 'correlation-id' },
    { name: 'cors' },
  ],
};

describe('PluginPlans', () => {
  it('orders plugins by descending PRIORITY', () => {
    const { cfg, plans: p } = plans(doc);
    expect(p.forRoute(cfg.routes[0]!.id).map((e) => e.handler.name)).toEqual([
      'correlation-id',
      'cors',
      'rate-limiting',
    ]);
  });

  it('prefers a route instance over service and global ones', () => {
    const { cfg, plans: p } = plans(doc);
    const entry = p.forRoute(cfg.routes[0]!.id).find((e) => e.handler.name === 'rate-limiting')!;
    expect(resolveEntry(entry, undefined)?.instance.config.minute).toBe(6);
  });

  it('falls back to the service instance, then the global one', () => {
    const { cfg, plans: p } = plans(doc);
    const entry = p.forRoute(cfg.routes[1]!.id).find((e) => e.handler.name === 'rate-limiting')!;
    expect(resolveEntry(entry, undefined)?.instance.config.minute).toBe(7);
  });

  it('ranks a consumer-only instance above a service-only one (Kong order 5 before 7)', () => {
    const { cfg, plans: p } = plans(doc);
    const entry = p.forRoute(cfg.routes[1]!.id).find((e) => e.handler.name === 'rate-limiting')!;
    expect(resolveEntry(entry, cfg.consumers[0]!.id)?.instance.config.minute).toBe(9);
  });

  it('ranks a consumer-only instance above a route-only one (Kong order 5 before 6)', () => {
    const { cfg, plans: p } = plans(doc);
    const entry = p.forRoute(cfg.routes[0]!.id).find((e) => e.handler.name === 'rate-limiting')!;
    expect(resolveEntry(entry, cfg.consumers[0]!.id)?.instance.config.minute).toBe(9);
  });

  it('ranks a route+service instance above a consumer-only one (Kong order 4 before 5)', () => {
    const { cfg, plans: p } = plans({
      consumers: [{ username: 'vip' }],
      services: [{ name: 's', host: 'h.test', routes: [{ name: 'r', paths: ['/'] }] }],
      plugins: [
        { name: 'rate-limiting', route: 'r', service: 's', config: { minute: 4 } },
        { name: 'rate-limiting', consumer: 'vip', config: { minute: 5 } },
      ],
    });
    const entry = p.forRoute(cfg.routes[0]!.id)[0]!;
    expect(resolveEntry(entry, cfg.consumers[0]!.id)?.instance.config.minute).toBe(4);
  });

  it('uses a consumer-only instance over a global one', () => {
    const { cfg, plans: p } = plans({
      consumers: [{ username: 'vip' }],
      services: [{ name: 's', host: 'h.test', routes: [{ name: 'r', paths: ['/'] }] }],
      plugins: [
        { name: 'rate-limiting', config: { minute: 8 } },
        { name: 'rate-limiting', consumer: 'vip', config: { minute: 9 } },
      ],
    });
    const entry = p.forRoute(cfg.routes[0]!.id)[0]!;
    expect(resolveEntry(entry, cfg.consumers[0]!.id)?.instance.config.minute).toBe(9);
    expect(resolveEntry(entry, undefined)?.instance.config.minute).toBe(8);
  });

  it('offers only global instances when no route matched', () => {
    const { plans: p } = plans(doc);
    const rl = p.global.find((e) => e.handler.name === 'rate-limiting')!;
    expect(rl.base?.instance.config.minute).toBe(8);
  });

  it('leaves out disabled instances', () => {
    const { cfg, plans: p } = plans({
      services: [{ name: 's', host: 'h.test', routes: [{ name: 'r', paths: ['/'] }] }],
      plugins: [{ name: 'cors', enabled: false }],
    });
    expect(p.forRoute(cfg.routes[0]!.id)).toEqual([]);
  });
});
