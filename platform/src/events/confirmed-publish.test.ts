import { EventEmitter } from 'node:events';
import type { ConfirmChannel } from 'amqplib';
import { publishConfirmed } from './confirmed-publish';

type Callback = (error: Error | null) => void;

/** A confirm channel stand-in: records publishes; the test decides each confirm. */
class FakeChannel extends EventEmitter {
  published: { routingKey: string; callback: Callback; headers?: Record<string, unknown> }[] = [];
  closed = false;
  publish(
    _exchange: string,
    routingKey: string,
    _content: Buffer,
    options: { headers?: Record<string, unknown> },
    callback: Callback,
  ): boolean {
    if (this.closed) throw new Error('Channel closed');
    this.published.push({ routingKey, callback, headers: options.headers });
    return true;
  }
}

const message = (routingKey: string, mandatory = false) => ({
  exchange: 'x',
  routingKey,
  content: Buffer.from('{}'),
  options: { mandatory },
});

function asChannel(fake: FakeChannel): ConfirmChannel {
  return fake as unknown as ConfirmChannel;
}

describe('publishConfirmed', () => {
  it('settles each message by its own confirm, in order', async () => {
    const fake = new FakeChannel();
    const results = publishConfirmed(asChannel(fake), [message('a'), message('b')], 1_000);
    await new Promise((r) => setImmediate(r));
    fake.published[0]?.callback(null);
    fake.published[1]?.callback(new Error('nack'));
    const settled = await results;
    expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(fake.published.map((p) => p.routingKey)).toEqual(['a', 'b']);
  });

  it('rejects a mandatory message the broker returned as unroutable', async () => {
    const fake = new FakeChannel();
    const results = publishConfirmed(asChannel(fake), [message('nowhere', true)], 1_000);
    await new Promise((r) => setImmediate(r));
    const sent = fake.published[0];
    fake.emit('return', { properties: { headers: sent?.headers } });
    sent?.callback(null);
    const [result] = await results;
    expect(result).toMatchObject({
      status: 'rejected',
      reason: { message: expect.stringMatching(/unroutable/) },
    });
  });

  it('fails the message that could not be written and every one after it', async () => {
    const fake = new FakeChannel();
    fake.closed = true;
    const settled = await publishConfirmed(asChannel(fake), [message('a'), message('b')], 1_000);
    expect(settled.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('rejects messages whose confirm does not come in time', async () => {
    const fake = new FakeChannel();
    const [result] = await publishConfirmed(asChannel(fake), [message('a')], 10);
    expect(result).toMatchObject({
      status: 'rejected',
      reason: { message: 'no confirm within 10 ms' },
    });
  });
});
