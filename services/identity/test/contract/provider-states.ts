/**
 * Provider states of identity's message pacts (services/identity/test/contract): each `given(...)`
 * sentence a consumer writes, mapped to what makes it true, here by running the real registration
 * use case against a test database and taking the event it wrote to the outbox.
 */
import type { VerifierOptions } from '@pact-foundation/pact';
import { identityEvents } from '@bazaar/generated/events/identity';
import { registerUser } from '../../src/use-cases/register-user';
import type { IdentityContext } from '../../src/use-cases/identity-context';

type StateHandlers = NonNullable<VerifierOptions['stateHandlers']>;

/** The events the states produced, newest last, for the message providers to hand over. */
export interface ProducedEvents {
  latest(eventType: string): unknown;
}

export function identityProviderStates(ctx: IdentityContext): {
  stateHandlers: StateHandlers;
  produced: ProducedEvents;
} {
  const events: { eventType: string; message: unknown }[] = [];
  let counter = 0;

  async function outboxEventOf(partitionKey: string, eventType: string): Promise<unknown> {
    const { rows } = await ctx.pool.query<{ message: unknown }>(
      `SELECT message FROM platform.outbox WHERE partition_key = $1 AND event_type = $2`,
      [partitionKey, eventType],
    );
    if (rows.length !== 1)
      throw new Error(`expected one ${eventType} for ${partitionKey}, found ${rows.length}`);
    return rows[0]!.message;
  }

  return {
    stateHandlers: {
      'a customer registers': async () => {
        const [eventType] = identityEvents.sends;
        const result = await registerUser(ctx, {
          email: `Pact.Customer${++counter}@Example.org`,
          password: 'correct-horse-battery-staple',
          displayName: 'Ada Lovelace',
        });
        if (!result.ok) throw new Error(`registering the pact customer failed: ${result.error}`);
        events.push({ eventType, message: await outboxEventOf(result.user.id, eventType) });
        return undefined;
      },
    },
    produced: {
      latest(eventType) {
        const event = events.filter((e) => e.eventType === eventType).pop();
        if (!event) throw new Error(`no provider state produced a ${eventType} event`);
        return event.message;
      },
    },
  };
}
