import { deckId } from './deck-ids';
import { serviceFromServers } from './service-from-servers';

describe('serviceFromServers', () => {
  it('takes protocol, host, port and path from the first server', () => {
    const service = serviceFromServers(
      'identity',
      { servers: [{ url: 'http://127.0.0.1:3001' }] },
      undefined,
      [],
      'd',
    );
    expect(service).toEqual({
      id: deckId('identity.service'),
      name: 'identity',
      tags: [],
      plugins: [],
      routes: [],
      protocol: 'http',
      host: '127.0.0.1',
      port: 3001,
      path: '/',
    });
  });

  it('fills the default port of the scheme and keeps the server path', () => {
    const service = serviceFromServers(
      's',
      { servers: [{ url: 'https://api.test/base' }] },
      undefined,
      [],
      'd',
    );
    expect(service).toMatchObject({
      protocol: 'https',
      host: 'api.test',
      port: 443,
      path: '/base',
    });
  });

  it('replaces server variables with their defaults', () => {
    const document = {
      servers: [
        {
          url: 'http://{host}:{port}',
          variables: { host: { default: 'svc.local' }, port: { default: '8080' } },
        },
      ],
    };
    expect(serviceFromServers('s', document, undefined, [], 'd')).toMatchObject({
      host: 'svc.local',
      port: 8080,
    });
  });

  it('lets x-kong-service-defaults win over the URL and keeps their other fields', () => {
    const service = serviceFromServers(
      's',
      { servers: [{ url: 'http://a:1' }] },
      { port: 9, retries: 0 },
      [],
      'd',
    );
    expect(service).toMatchObject({ host: 'a', port: 9, retries: 0 });
  });

  it('refuses a server variable without a string default, naming it', () => {
    const document = { servers: [{ url: 'http://{h}', variables: { h: {} } }] };
    expect(() => serviceFromServers('s', document, undefined, [], 'doc')).toThrow(
      'doc: servers[0].variables.h.default must be a string',
    );
  });
});
