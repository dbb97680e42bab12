/**
 * The one way an account comes into being (services/identity/src/use-cases), shared by
 * registration, the bootstrap admin and the create-admin CLI: the row and its
 * `ecommerce.identity.user.registered.v1` event are written in the caller's transaction, so the
 * event is published if and only if the account exists (transactional outbox).
 */
import type pg from 'pg';
import { createIdentityPublisher } from '@bazaar/generated/events/identity';
import { eventRegistry } from '@bazaar/generated/events/registry';
import { eventContext, outboxSink } from '@bazaar/platform/service/index';
import type { User } from '../domain/user';
import { insertUser } from '../persistence/user-store';

/** @throws EmailTakenError (persistence/user-store) when the email is registered already. */
export async function recordNewAccount(tx: pg.PoolClient, user: User): Promise<void> {
  const [firstRole, ...otherRoles] = user.roles;
  if (!firstRole) throw new Error(`account ${user.id} would have no role`);
  await insertUser(tx, user);
  const events = createIdentityPublisher(outboxSink(tx, eventRegistry), eventContext);
  await events.publish('ecommerce.identity.user.registered.v1', {
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    roles: [firstRole, ...otherRoles],
    registeredAt: user.createdAt.toISOString(),
  });
}
