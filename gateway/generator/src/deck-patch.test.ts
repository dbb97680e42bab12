import { applyDeckPatch, parseDeckPatch } from './deck-patch';
import { type KongRecord } from './kong-entities';

function config(): KongRecord {
  return {
    services: [
      {
        name: 's',
        plugins: [{ name: 'rate-limiting', config: { minute: 5, limit_by: 'consumer' } }],
        routes: [
          {
            name: 'login',
            methods: ['POST'],
            plugins: [
              { name: 'rate-limiting', config: { minute: 10, limit_by: 'ip' } },
              { name: 'jwt', config: {} },
            ],
          },
        ],
      },
    ],
  };
}

const redisPatch = {
  selectors: ["$..plugins[?(@.name=='rate-limiting')].config"],
  values: { policy: 'redis', redis: { host: '127.0.0.1' } },
};

describe('decK patches', () => {
  it('sets keys on every selected object and leaves the others untouched', () => {
    const doc = config();
    expect(applyDeckPatch(doc, parseDeckPatch(redisPatch, 'p'), 'p')).toBe(2);
    const service = (doc.services as KongRecord[])[0]!;
    expect((service.plugins as KongRecord[])[0]!.config).toEqual({
      minute: 5,
      limit_by: 'consumer',
      policy: 'redis',
      redis: { host: '127.0.0.1' },
    });
    const route = (service.routes as KongRecord[])[0]!;
    expect((route.plugins as KongRecord[])[0]!.config).toMatchObject({
      limit_by: 'ip',
      policy: 'redis',
    });
    expect((route.plugins as KongRecord[])[1]!.config).toEqual({});
  });

  it('replaces an object value wholesale instead of merging it, as decK does', () => {
    const doc = config();
    applyDeckPatch(
      doc,
      parseDeckPatch({ selectors: ['$.services[0]'], values: { plugins: [] } }, 'p'),
      'p',
    );
    expect((doc.services as KongRecord[])[0]!.plugins).toEqual([]);
  });

  it('removes keys listed in remove', () => {
    const doc = config();
    applyDeckPatch(
      doc,
      parseDeckPatch({ selectors: ['$.services[*].routes[*]'], remove: ['methods'] }, 'p'),
      'p',
    );
    expect((doc.services as KongRecord[])[0]!.routes).toEqual([
      expect.not.objectContaining({ methods: expect.anything() }),
    ]);
  });

  it('appends an array value to selected arrays', () => {
    const doc = config();
    applyDeckPatch(
      doc,
      parseDeckPatch({ selectors: ['$.services[0].routes[0].methods'], values: ['OPTIONS'] }, 'p'),
      'p',
    );
    expect(((doc.services as KongRecord[])[0]!.routes as KongRecord[])[0]!.methods).toEqual([
      'POST',
      'OPTIONS',
    ]);
  });

  it('fails when the selectors match nothing, so a stale overlay is noticed', () => {
    const patch = parseDeckPatch(
      { selectors: ["$..plugins[?(@.name=='acl')]"], values: { a: 1 } },
      'x.yaml: patches[0]',
    );
    expect(() => applyDeckPatch(config(), patch, 'x.yaml: patches[0]')).toThrow(
      /x.yaml: patches\[0\]: selectors .* matched nothing/,
    );
  });

  it('rejects a patch that both sets and removes a key', () => {
    expect(() => parseDeckPatch({ values: { a: 1 }, remove: ['a'] }, 'p')).toThrow(
      "p is trying to change and remove 'a' at the same time",
    );
  });

  it('rejects unknown patch fields', () => {
    expect(() => parseDeckPatch({ selector: '$', values: {} }, 'p')).toThrow(
      /p.selector: unknown patch field/,
    );
  });
});
