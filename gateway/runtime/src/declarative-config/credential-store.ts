/**
 * Lookups the auth plugins need at request time, built once from the loaded config: consumers by
 * id or username (`anonymous` accepts either), jwt secrets and key-auth keys by key, acl groups
 * by consumer.
 */
import type { Acl, Consumer, GatewayConfig, JwtSecret, KeyAuthCredential } from './model';

export class CredentialStore {
  private readonly consumersById = new Map<string, Consumer>();
  private readonly consumersByUsername = new Map<string, Consumer>();
  private readonly jwtByKey = new Map<string, JwtSecret>();
  private readonly keyAuthByKey = new Map<string, KeyAuthCredential>();
  private readonly groupsByConsumer = new Map<string, string[]>();

  constructor(config: GatewayConfig) {
    for (const c of config.consumers) {
      this.consumersById.set(c.id, c);
      if (c.username !== undefined) this.consumersByUsername.set(c.username, c);
    }
    for (const s of config.jwtSecrets) this.jwtByKey.set(s.key, s);
    for (const k of config.keyauthCredentials) this.keyAuthByKey.set(k.key, k);
    for (const a of config.acls) this.addGroup(a);
  }

  private addGroup(acl: Acl): void {
    const groups = this.groupsByConsumer.get(acl.consumerId);
    if (groups) groups.push(acl.group);
    else this.groupsByConsumer.set(acl.consumerId, [acl.group]);
  }

  consumerById(id: string): Consumer | undefined {
    return this.consumersById.get(id);
  }

  /** kong.client.load_consumer(value, by_username = true): id first, then username. */
  consumerByIdOrUsername(value: string): Consumer | undefined {
    return this.consumersById.get(value) ?? this.consumersByUsername.get(value);
  }

  jwtSecret(key: string): JwtSecret | undefined {
    return this.jwtByKey.get(key);
  }

  keyAuthCredential(key: string): KeyAuthCredential | undefined {
    return this.keyAuthByKey.get(key);
  }

  /** The consumer's acl groups in declaration order, or undefined when it has none. */
  groups(consumerId: string): readonly string[] | undefined {
    return this.groupsByConsumer.get(consumerId);
  }
}
