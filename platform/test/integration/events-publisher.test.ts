/**
 * The publisher on a real RabbitMQ: messages carry the contract's AMQP properties and W3C trace
 * header, a publish made while the connection is down waits for the reconnect and is confirmed,
 * and an unreachable broker fails clearly at start-up.
 */
import { BrokerConnection, BrokerUnavailableError, EventPublisher } from '../../src/events';
import { createTestBroker, waitFor } from '../../src/testing';
import { openRawBroker, type RawBroker } from './support/raw-broker';
import { testRegistry, WIDGET_CHANGED, widgetChanged } from './support/test-events';

jest.setTimeout(30_000);

const broker = createTestBroker('events-publisher');
let publisher: EventPublisher;
let connection: BrokerConnection;
let raw: RawBroker;
const queue = `${broker.queuePrefix}.tap`;

beforeAll(async () => {
  connection = await broker.connect('publisher');
  publisher = await EventPublisher.create({
    connection,
    exchange: broker.exchange,
    registry: testRegistry,
  });
  raw = await openRawBroker(broker.url);
  await raw.channel.assertQueue(queue, { durable: false });
  await raw.channel.bindQueue(queue, broker.exchange, '#');
});
afterAll(async () => {
  await publisher.close();
  await raw.close();
  await broker.cleanup();
});

async function nextMessage() {
  let message: Awaited<ReturnType<RawBroker['drain']>>[number] | undefined;
  await waitFor(async () => {
    message = (await raw.drain(queue))[0];
    return message;
  });
  return message!;
}

describe('EventPublisher', () => {
  it('publishes with the AMQP properties the contract names', async () => {
    const event = widgetChanged('p-1', 1, 'corr-9');
    await publisher.publish(event);
    const message = await nextMessage();
    expect(message.fields.routingKey).toBe(WIDGET_CHANGED);
    expect(message.properties).toMatchObject({
      messageId: event.eventId,
      type: WIDGET_CHANGED,
      contentType: 'application/json',
      deliveryMode: 2,
      correlationId: 'corr-9',
      timestamp: Math.floor(Date.parse(event.occurredAt) / 1000),
    });
    expect(message.properties.headers).toEqual({
      traceparent: expect.stringMatching(new RegExp(`^00-${event.traceId}-[0-9a-f]{16}-01$`)),
      correlationId: 'corr-9',
    });
    expect(JSON.parse(message.content.toString())).toEqual(event);
  });

  it('refuses an event that breaks its schema before publishing it', async () => {
    const bad = { ...widgetChanged('p-2', 1), payload: { widgetId: 'p-2' } };
    await expect(publisher.publish(bad as never)).rejects.toThrow(/payload\/seq must be integer/);
  });

  it('waits for the reconnect when the connection is cut, then publishes with a confirm', async () => {
    const disconnected = new Promise((resolve) => connection.once('disconnected', resolve));
    expect(await broker.cutConnections('publisher')).toBe(1);
    await disconnected;
    const event = widgetChanged('p-3', 1);
    await publisher.publish(event);
    expect((await nextMessage()).properties.messageId).toBe(event.eventId);
  });

  it('fails with BrokerUnavailableError, without waiting, once its connection is closed', async () => {
    const lost = await broker.connect('lost');
    const stranded = await EventPublisher.create({
      connection: lost,
      exchange: broker.exchange,
      channelWaitMs: 200,
    });
    await lost.close();
    try {
      await expect(stranded.publish(widgetChanged('p-4', 1))).rejects.toThrow(
        BrokerUnavailableError,
      );
    } finally {
      await stranded.close();
    }
  });

  it('fails start-up with BrokerUnavailableError when the broker cannot be reached', async () => {
    await expect(
      BrokerConnection.open({
        url: 'amqp://guest:guest@127.0.0.1:1',
        connectionName: `${broker.connectionPrefix}:nowhere`,
        initialMaxRetries: 1,
        initialDelayMs: 10,
      }),
    ).rejects.toThrow(BrokerUnavailableError);
  });
});
