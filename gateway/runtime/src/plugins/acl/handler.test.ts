import { bindPlugin, fakeContext, testConfig, upstreamHeader } from '../../testing/fake-request';
import type { GatewayConfig } from '../../declarative-config/model';

const config = (acl: object) =>
  testConfig({
    consumers: [
      { username: 'admin', acls: [{ group: 'admin' }, { group: 'staff' }] },
      { username: 'plain' },
    ],
    plugins: [{ name: 'acl', config: acl }],
  });

function run(cfg: GatewayConfig, username: string | undefined, withCredential = true) {
  const ctx = fakeContext();
  ctx.consumer = cfg.consumers.find((c) => c.username === username);
  if (ctx.consumer && withCredential) ctx.credential = { id: 'cred' };
  bindPlugin(cfg, 'acl').access!(ctx);
  return ctx;
}

describe('acl handler', () => {
  it('allows a member of an allowed group and lists every group upstream', () => {
    const ctx = run(config({ allow: ['staff'] }), 'admin');
    expect(ctx.exit).toBeUndefined();
    expect(upstreamHeader(ctx, 'X-Consumer-Groups')).toBe('admin, staff');
  });

  it('forbids a consumer outside the allow list', () => {
    expect(run(config({ allow: ['other'] }), 'admin').exit?.status).toBe(403);
  });

  it('answers 401 without a consumer', () => {
    expect(run(config({ allow: ['admin'] }), undefined).exit?.status).toBe(401);
  });

  it('answers 401 to an anonymous consumer without groups on an allow list', () => {
    expect(run(config({ allow: ['admin'] }), 'plain', false).exit?.status).toBe(401);
  });

  it('answers 403 to a credentialed consumer without groups on an allow list', () => {
    expect(run(config({ allow: ['admin'] }), 'plain').exit?.status).toBe(403);
  });

  it('lets a consumer without groups through a deny list', () => {
    expect(run(config({ deny: ['admin'] }), 'plain').exit).toBeUndefined();
  });

  it('forbids a member of a denied group', () => {
    expect(run(config({ deny: ['staff'] }), 'admin').exit?.status).toBe(403);
  });
});
