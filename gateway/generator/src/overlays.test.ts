import { deckId } from './deck-ids';
import { type KongDeclarativeConfig } from './kong-entities';
import { applyOverlays, NON_CONTRACT_TAG } from './overlays';

function base(): KongDeclarativeConfig {
  return {
    _format_version: '3.0',
    services: [
      {
        name: 'svc',
        host: 'h',
        port: 1,
        protocol: 'http',
        path: '/',
        tags: [],
        plugins: [{ name: 'rate-limiting', config: { minute: 1, policy: 'local' } }],
        routes: [],
      },
    ],
  };
}

describe('applyOverlays', () => {
  it('adds global plugins with a deterministic id', () => {
    const config = base();
    applyOverlays(config, [
      { source: 'o/10.yaml', text: 'plugins:\n  - name: cors\n    config: {}\n' },
    ]);
    expect(config.plugins).toEqual([
      { id: deckId('global.plugin.cors'), name: 'cors', config: {} },
    ]);
  });

  it('adds consumers and gives their credentials ids from username and key', () => {
    const config = base();
    const text =
      'consumers:\n  - username: u\n    jwt_secrets:\n      - key: k\n        algorithm: RS256\n';
    applyOverlays(config, [{ source: 'o/20.yaml', text }]);
    expect(config.consumers).toEqual([
      {
        id: deckId('u.consumer'),
        username: 'u',
        jwt_secrets: [{ id: deckId('u.jwt_secrets.k'), key: 'k', algorithm: 'RS256' }],
      },
    ]);
  });

  it('adds a non-contract service with tagged routes and deterministic ids', () => {
    const config = base();
    const text =
      'services:\n  - name: docs\n    url: http://127.0.0.1:8090\n    routes:\n      - name: docs\n        paths: [/docs]\n';
    applyOverlays(config, [{ source: 'o/40.yaml', text }]);
    expect(config.services[1]).toEqual({
      id: deckId('docs.service'),
      name: 'docs',
      url: 'http://127.0.0.1:8090',
      tags: [NON_CONTRACT_TAG],
      routes: [
        { id: deckId('docs.route'), name: 'docs', paths: ['/docs'], tags: [NON_CONTRACT_TAG] },
      ],
    });
  });

  it('refuses an overlay service with its own plugins or without routes', () => {
    const withPlugins =
      'services:\n  - name: d\n    url: http://x\n    plugins: []\n    routes: [{name: d, paths: [/d]}]\n';
    expect(() => applyOverlays(base(), [{ source: 'o.yaml', text: withPlugins }])).toThrow(
      /overlay services take the global plugins only/,
    );
    const noRoutes = 'services:\n  - name: d\n    url: http://x\n';
    expect(() => applyOverlays(base(), [{ source: 'o.yaml', text: noRoutes }])).toThrow(
      /at least one route/,
    );
  });

  it("runs a file's patches after its plugins, over the whole config", () => {
    const config = base();
    const text = [
      'plugins:',
      '  - name: rate-limiting',
      '    config: {minute: 100}',
      'patches:',
      '  - selectors: ["$..plugins[?(@.name==\'rate-limiting\')].config"]',
      '    values: {policy: redis}',
    ].join('\n');
    applyOverlays(config, [{ source: 'o/30.yaml', text }]);
    expect(config.services[0]!.plugins[0]!.config).toEqual({ minute: 1, policy: 'redis' });
    expect(config.plugins![0]!.config).toEqual({ minute: 100, policy: 'redis' });
  });

  it('refuses a scoped plugin, naming the file and entry', () => {
    const text = 'plugins:\n  - name: acl\n    service: svc\n';
    expect(() => applyOverlays(base(), [{ source: 'o/10.yaml', text }])).toThrow(
      /o\/10.yaml: plugins\[0\].service: overlay plugins are global/,
    );
  });

  it('refuses the same global plugin twice across overlays', () => {
    const text = 'plugins:\n  - name: cors\n';
    expect(() =>
      applyOverlays(base(), [
        { source: 'o/a.yaml', text },
        { source: 'o/b.yaml', text },
      ]),
    ).toThrow(/o\/b.yaml: plugins\[0\]: global plugin 'cors' is already declared/);
  });

  it('refuses unknown top-level keys instead of ignoring them', () => {
    expect(() =>
      applyOverlays(base(), [{ source: 'o/x.yaml', text: 'service:\n  - name: y\n' }]),
    ).toThrow("o/x.yaml: unknown key 'service'");
  });
});
