/**
 * `register` against the real service: the account it creates, the problems for bad input and a
 * taken email, and the user.registered event it publishes through the outbox to the exchange.
 */
import amqp, { type Channel, type ChannelModel, type ConsumeMessage } from 'amqplib';
import { eventRegistry } from '@bazaar/generated/events/registry';
import { waitFor } from '@bazaar/platform/testing/index';
import { IdentityApi } from './support/identity-api';
import { startIdentity, type IdentityHarness } from './support/identity-harness';

let identity: IdentityHarness;
let api: IdentityApi;
let connection: ChannelModel;
let channel: Channel;
const received: ConsumeMessage[] = [];

beforeAll(async () => {
  identity = await startIdentity('registration');
  api = new IdentityApi(identity.url);
  // A probe queue bound to the suite's exchange, the way a consumer would bind it.
  connection = await amqp.connect(identity.broker.url);
  channel = await connection.createChannel();
  const queue = `${identity.broker.queuePrefix}.probe`;
  await channel.assertQueue(queue, { exclusive: true });
  await channel.bindQueue(queue, identity.broker.exchange, 'ecommerce.identity.user.registered.v1');
  await channel.consume(queue, (message) => message && received.push(message), { noAck: true });
}, 60_000);

afterAll(async () => {
  await connection?.close();
  await identity?.cleanup();
}, 60_000);

describe('registering an account', () => {
  it('creates a customer with the email lower-cased and points to /api/v1/auth/me', async () => {
    const response = await api.register(
      'Ada.Lovelace@Example.ORG',
      'correct-horse-battery-staple',
      'Ada Lovelace',
    );
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe('/api/v1/auth/me');
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      email: 'ada.lovelace@example.org',
      displayName: 'Ada Lovelace',
      roles: ['customer'],
      createdAt: expect.any(String),
    });
  });

  it('stores an argon2id hash and never the password', async () => {
    await api.register('hash-check@example.org', 'a-password-nobody-stores');
    const { rows } = await identity.pool.query<{ password_hash: string }>(
      `SELECT password_hash FROM users WHERE email = 'hash-check@example.org'`,
    );
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(rows[0]?.password_hash).not.toContain('a-password-nobody-stores');
  });

  it('refuses an email that is registered already, whatever its case', async () => {
    await api.register('taken@example.org');
    const response = await api.register('TAKEN@example.org');
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: 'https://docs.bazaar.dev/problems/email-taken',
      status: 409,
      code: 'IDENTITY_ERR_EMAIL_TAKEN',
    });
  });

  it('refuses a password shorter than 12 characters, naming the field', async () => {
    const response = await api.register('short@example.org', 'too-short');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'body.password', message: expect.stringMatching(/12/) }],
    });
  });

  it('refuses a missing display name, naming the field', async () => {
    const response = await api.call('POST', '/api/v1/auth/register', {
      body: { email: 'nameless@example.org', password: 'correct-horse-battery-staple' },
    });
    expect(response.status).toBe(400);
    expect(response.body['errors']).toEqual([
      expect.objectContaining({ field: 'body.displayName' }),
    ]);
  });

  it('refuses a display name made only of spaces, naming the field', async () => {
    const response = await api.register('blank@example.org', 'correct-horse-battery-staple', '   ');
    expect(response.status).toBe(400);
    expect(response.body['errors']).toEqual([
      { field: 'body.displayName', message: 'must not be empty' },
    ]);
  });

  it('refuses something that is not an email address, naming the field', async () => {
    const response = await api.register('not-an-email');
    expect(response.status).toBe(400);
    expect(response.body['errors']).toEqual([expect.objectContaining({ field: 'body.email' })]);
  });

  it('refuses fields the contract does not define', async () => {
    const response = await api.call('POST', '/api/v1/auth/register', {
      body: {
        email: 'extra@example.org',
        password: 'correct-horse-battery-staple',
        displayName: 'Extra',
        roles: ['admin'],
      },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body['errors'])).toMatch(/roles/);
  });

  it('counts registrations on /metrics', async () => {
    const metrics = await (await fetch(`${identity.url}/metrics`)).text();
    const count = Number(/^identity_registrations_total\{[^}]*\} (\d+)/m.exec(metrics)?.[1]);
    const { rows } = await identity.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM users',
    );
    expect(count).toBe(rows[0]?.n);
  });
});

describe('the user.registered event', () => {
  it('reaches the exchange as a valid envelope with the AMQP properties of the contract', async () => {
    const correlationId = 'corr-registration-event';
    const response = await api.call('POST', '/api/v1/auth/register', {
      body: {
        email: 'Grace@Example.org',
        password: 'correct-horse-battery-staple',
        displayName: 'Grace Hopper',
      },
      headers: {
        'Correlation-Id': correlationId,
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      },
    });
    expect(response.status).toBe(201);
    const userId = response.body['id'] as string;
    const message = await waitFor(
      () =>
        received.find(
          (m) =>
            (JSON.parse(m.content.toString()) as { partitionKey: string }).partitionKey === userId,
        ),
      { timeoutMs: 15_000, description: 'the user.registered event of Grace' },
    );
    const event = JSON.parse(message.content.toString()) as Record<string, unknown>;
    expect(eventRegistry.validate(event)).toMatchObject({ ok: true });
    expect(event).toEqual({
      eventId: expect.any(String),
      eventType: 'ecommerce.identity.user.registered.v1',
      occurredAt: expect.any(String),
      producer: 'identity',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      correlationId,
      schemaVersion: expect.any(String),
      partitionKey: userId,
      payload: {
        userId,
        email: 'grace@example.org',
        displayName: 'Grace Hopper',
        roles: ['customer'],
        registeredAt: response.body['createdAt'],
      },
    });
    expect(message.fields.routingKey).toBe('ecommerce.identity.user.registered.v1');
    expect(message.properties).toMatchObject({
      messageId: event['eventId'],
      type: 'ecommerce.identity.user.registered.v1',
      contentType: 'application/json',
      deliveryMode: 2,
    });
    expect(message.properties.headers?.['traceparent']).toMatch(
      /^00-4bf92f3577b34da6a3ce929d0e0e4736-/,
    );
  }, 30_000);

  it('is not published for a registration that failed', async () => {
    await api.register('once@example.org');
    await api.register('once@example.org');
    const { rows } = await identity.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM platform.outbox WHERE message->'payload'->>'email' = 'once@example.org'`,
    );
    expect(rows[0]?.n).toBe(1);
  });
});
