import { EventEmitter } from 'node:events';
import type { ConfirmChannel } from 'amqplib';
import { type BrokerConnection, BrokerUnavailableError } from './broker-connection';
import { ManagedChannel } from './managed-channel';

class FakeChannel extends EventEmitter {
  async close(): Promise<void> {
    this.emit('close');
  }
}

/** A connection stand-in whose channels the test controls. */
function fakeConnection(open: () => Promise<FakeChannel>): BrokerConnection {
  return { isClosed: false, createConfirmChannel: open } as unknown as BrokerConnection;
}

describe('ManagedChannel', () => {
  it('fails ready() with BrokerUnavailableError when no channel opens in time', async () => {
    const managed = new ManagedChannel(
      fakeConnection(() => new Promise(() => undefined)),
      { name: 'test', setup: async () => undefined },
    );
    void managed.start();
    await expect(managed.ready(20)).rejects.toThrow(BrokerUnavailableError);
    await managed.stop();
  });

  it('re-opens the channel and runs setup again after it closes', async () => {
    const channels: FakeChannel[] = [];
    let setups = 0;
    const managed = new ManagedChannel(
      fakeConnection(async () => {
        const channel = new FakeChannel();
        channels.push(channel);
        return channel;
      }),
      { name: 'test', setup: async () => void setups++, initialDelayMs: 1 },
    );
    await managed.start();
    channels[0]?.emit('close');
    const reopened = await managed.ready(1_000);
    expect(reopened).toBe(channels[1] as unknown as ConfirmChannel);
    expect(setups).toBe(2);
    await managed.stop();
  });

  it('rejects start() when setup fails with a permanent AMQP error', async () => {
    const managed = new ManagedChannel(
      fakeConnection(async () => new FakeChannel()),
      {
        name: 'test',
        setup: async () => {
          throw Object.assign(new Error('PRECONDITION_FAILED - inequivalent arg'), { code: 406 });
        },
      },
    );
    await expect(managed.start()).rejects.toThrow(/PRECONDITION_FAILED/);
  });
});
