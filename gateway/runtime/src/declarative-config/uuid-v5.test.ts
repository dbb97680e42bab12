import { uuidV5 } from './uuid-v5';

describe('uuidV5', () => {
  it('matches the RFC 4122 example for the DNS namespace', () => {
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org')
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe(
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    );
  });

  it('is deterministic and name-sensitive', () => {
    const ns = 'fd02801f-0957-4a15-a55a-c8d9606f30b5';
    expect(uuidV5(ns, 'services')).toBe(uuidV5(ns, 'services'));
    expect(uuidV5(ns, 'services')).not.toBe(uuidV5(ns, 'routes'));
  });
});
