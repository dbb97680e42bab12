/**
 * Client credentials of Bazaar's own services (services/identity/src/credentials), read from
 * IDENTITY_SERVICE_CLIENTS: only a SHA-256 digest of each secret is kept, and a presented secret
 * is checked in constant time, also for unknown clients, so neither the timing nor the answer
 * tells which client ids exist.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ConfigType } from '@bazaar/platform/config/index';

/** The contract's `ClientCredentials.clientId` pattern. */
export const CLIENT_ID_PATTERN = /^[a-z][a-z0-9-]{1,62}$/;
/** The contract's `ClientCredentials.clientSecret` length limits. */
export const CLIENT_SECRET_MIN_LENGTH = 32;
export const CLIENT_SECRET_MAX_LENGTH = 256;

const DIGEST_FORM = /^sha256:([0-9a-f]{64})$/;

export interface ServiceClient {
  clientId: string;
  /** Hex SHA-256 of the secret. */
  secretSha256: string;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function parseEntry(entry: string): ServiceClient {
  const colon = entry.indexOf(':');
  if (colon === -1) throw new Error('must be written clientId:secret');
  const clientId = entry.slice(0, colon);
  const secret = entry.slice(colon + 1);
  if (!CLIENT_ID_PATTERN.test(clientId))
    throw new Error(`client id "${clientId}" must match ${CLIENT_ID_PATTERN.source}`);
  const digest = DIGEST_FORM.exec(secret);
  if (digest?.[1]) return { clientId, secretSha256: digest[1] };
  if (secret.length < CLIENT_SECRET_MIN_LENGTH || secret.length > CLIENT_SECRET_MAX_LENGTH)
    throw new Error(
      `the secret of "${clientId}" must be ${CLIENT_SECRET_MIN_LENGTH} to ${CLIENT_SECRET_MAX_LENGTH} characters (or sha256:<64 hex digits>)`,
    );
  return { clientId, secretSha256: sha256(secret).toString('hex') };
}

/**
 * Config type of IDENTITY_SERVICE_CLIENTS: comma-separated `clientId:secret` or
 * `clientId:sha256:<hex digest of the secret>` entries. Secrets are replaced by their digest as
 * soon as they are read. Error messages never echo a secret.
 */
export function serviceClientsConfigType(): ConfigType<readonly ServiceClient[]> {
  return {
    typeName: 'comma-separated clientId:secret or clientId:sha256:<hex> entries',
    parse(raw) {
      const entries = raw
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '');
      const clients = entries.map((entry, index) => {
        try {
          return parseEntry(entry);
        } catch (err) {
          throw new Error(`entry ${index + 1} ${(err as Error).message}`, { cause: err });
        }
      });
      const ids = clients.map((client) => client.clientId);
      const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
      if (duplicate) throw new Error(`client id "${duplicate}" is listed twice`);
      return clients;
    },
    format: (clients) => clients.map((client) => client.clientId).join(','),
  };
}

/** Checks presented client credentials against the configured digests. */
export class ServiceClientDirectory {
  private readonly digests: ReadonlyMap<string, Buffer>;
  // Compared against when the client id is unknown, so that path does the same work.
  private readonly decoy = sha256('identity: no such client');

  constructor(clients: readonly ServiceClient[]) {
    this.digests = new Map(
      clients.map((client) => [client.clientId, Buffer.from(client.secretSha256, 'hex')]),
    );
  }

  /** True when `clientId` is configured and `secret` is its secret. */
  verify(clientId: string, secret: string): boolean {
    const expected = this.digests.get(clientId);
    // Digests have a fixed length, so timingSafeEqual never sees different lengths and the time
    // taken does not depend on the secret's length or content.
    const matches = timingSafeEqual(sha256(secret), expected ?? this.decoy);
    return expected !== undefined && matches;
  }
}
