/**
 * Entity ids as decK's openapi2kong derives them (kong-gateway.md A8.1): UUIDv5 (SHA-1) of a name
 * such as `<service>.service`, `<route>.route` or `<owner>.plugin.<plugin>` in the DNS namespace,
 * so regenerating kong.yml keeps every id and `deck gateway diff` stays quiet.
 */
import { uuidV5 } from '../../runtime/src/declarative-config/uuid-v5';

/** RFC 4122 namespace for DNS names (uuid.NameSpaceDNS in Go). */
const DNS_NAMESPACE = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

export function deckId(name: string): string {
  return uuidV5(DNS_NAMESPACE, name);
}
