import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { uniqueName } from '@msgtrace/test-utils';
import type { ChannelModel, ConsumeMessage } from 'amqplib';
import { amqpConnect, BINARY_BODY } from '../src/clients';

describe('rabbitmq smoke (bare amqplib)', () => {
  let connection: ChannelModel;

  beforeAll(async () => {
    connection = await amqpConnect();
  });
  afterAll(async () => {
    await connection.close();
  });

  it('round-trips bytes, headers and properties through a fresh queue', async () => {
    const channel = await connection.createChannel();
    const queue = uniqueName('smoke');
    await channel.assertQueue(queue, { durable: false, autoDelete: false });
    const headers = {
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      retries: 3,
    };
    channel.sendToQueue(queue, BINARY_BODY, {
      headers,
      messageId: 'm-1',
      timestamp: 1_700_000_000,
    });

    const received = await new Promise<ConsumeMessage>((resolve) => {
      void channel.consume(queue, (message) => {
        if (message) {
          channel.ack(message);
          resolve(message);
        }
      });
    });

    expect(received.content).toEqual(BINARY_BODY);
    expect(received.properties.headers).toEqual(headers);
    expect(received.properties.messageId).toBe('m-1');
    expect(received.properties.timestamp).toBe(1_700_000_000);
    await channel.deleteQueue(queue);
    await channel.close();
  });
});
