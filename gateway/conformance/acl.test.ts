/**
 * acl conformance (kong-gateway.md A6.4; Kong spec 03-plugins/18-acl/02-access_spec.lua): allow and
 * deny lists over the authenticated consumer's groups, 401/403 bodies, X-Consumer-Groups.
 */
import { echoOf, send } from './support/http-client';
import { serviceUrl, startSuite, stopSuite, type Suite } from './support/suite';

let suite: Suite;

beforeAll(async () => {
  const guarded = (name: string, acl: object, auth: object = {}) => ({
    name: `acl-${name}`,
    paths: [`/${name}`],
    plugins: [
      { name: 'key-auth', config: auth },
      { name: 'acl', config: acl },
    ],
  });
  suite = await startSuite((up) => ({
    consumers: [
      {
        username: 'acl-admin',
        keyauth_credentials: [{ key: 'admin-key' }],
        acls: [{ group: 'admin' }, { group: 'staff' }],
      },
      {
        username: 'acl-user',
        keyauth_credentials: [{ key: 'user-key' }],
        acls: [{ group: 'customer' }],
      },
      { username: 'acl-nogroups', keyauth_credentials: [{ key: 'nogroups-key' }] },
      { username: 'acl-guest' },
    ],
    services: [
      {
        name: 'acl-echo',
        url: serviceUrl(up),
        routes: [
          guarded('admins', { allow: ['admin'] }),
          guarded('no-customers', { deny: ['customer'] }),
          guarded('hidden', { allow: ['admin'], hide_groups_header: true }),
          guarded('anon-allow', { allow: ['admin'] }, { anonymous: 'acl-guest' }),
          {
            name: 'acl-unauthenticated',
            paths: ['/unauthenticated'],
            plugins: [{ name: 'acl', config: { allow: ['admin'] } }],
          },
        ],
      },
    ],
  }));
});

afterAll(() => stopSuite(suite));

describe('acl', () => {
  it('lets an allowed group through and lists all groups upstream', async () => {
    const res = await send(suite.url, '/admins', { headers: { apikey: 'admin-key' } });
    expect(res.status).toBe(200);
    expect(echoOf(res).headers['x-consumer-groups']).toBe('admin, staff');
  });

  it('answers 403 You cannot consume this service outside the allow list', async () => {
    const res = await send(suite.url, '/admins', { headers: { apikey: 'user-key' } });
    expect(res.status).toBe(403);
    expect(res.json()).toEqual({
      message: 'You cannot consume this service',
      request_id: res.headers['x-kong-request-id'],
    });
  });

  it('answers 403 to an authenticated consumer with no groups on an allow list', async () => {
    expect((await send(suite.url, '/admins', { headers: { apikey: 'nogroups-key' } })).status).toBe(
      403,
    );
  });

  it('answers 401 to the anonymous consumer with no groups', async () => {
    const res = await send(suite.url, '/anon-allow');
    expect(res.status).toBe(401);
    expect(res.json().message).toBe('Unauthorized');
  });

  it('answers 401 when no consumer was identified', async () => {
    expect((await send(suite.url, '/unauthenticated')).status).toBe(401);
  });

  it('rejects a denied group', async () => {
    expect(
      (await send(suite.url, '/no-customers', { headers: { apikey: 'user-key' } })).status,
    ).toBe(403);
  });

  it('lets a consumer without groups through a deny list', async () => {
    expect(
      (await send(suite.url, '/no-customers', { headers: { apikey: 'nogroups-key' } })).status,
    ).toBe(200);
  });

  it('does not send X-Consumer-Groups with hide_groups_header', async () => {
    const res = await send(suite.url, '/hidden', { headers: { apikey: 'admin-key' } });
    expect(echoOf(res).headers['x-consumer-groups']).toBeUndefined();
  });
});
