import { describe, it } from '@jest/globals';
import { processMessage } from '@msgtrace/instrumentation-amqplib';
import { uniqueName } from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import type { Channel, GetMessage } from 'amqplib';
import { consumeN, freshQueue, instrumentAmqp } from '../../src/amqp';
import {
  expectDownstreamSamplingKeepsLinkedSets,
  expectHeadSamplingKeepsLinkedSets,
  type Pipeline,
} from '../../src/linked-sampling';

const { telemetry, connect } = instrumentAmqp({ propagationMode: 'link' });

/** Each message published from the root context: its own trace. */
async function publishEach(channel: Channel, queue: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) channel.sendToQueue(queue, Buffer.from(`m${i}`));
  // Publishes are buffered by the channel; a round trip makes sure they all reached the queue.
  await channel.checkQueue(queue);
}

const consume: Pipeline = async (count) => {
  const channel = await (await connect()).createChannel();
  const queue = await freshQueue(channel, uniqueName('sampling-consume'));
  await publishEach(channel, queue, count);
  const seen = await consumeN(channel, queue, count, (message) => channel.ack(message));
  await channel.close();
  return {
    spans: telemetry.readableSpans(),
    consumed: seen.length,
    isProducer: (s) => s.name === `publish ${queue}`,
    consumers: [
      {
        label: 'consume',
        shape: 'per-message',
        is: (s) => s.name === `process ${queue}` && s.kind === SpanKind.CONSUMER,
      },
    ],
  };
};

const get: Pipeline = async (count) => {
  const channel = await (await connect()).createChannel();
  const queue = await freshQueue(channel, uniqueName('sampling-get'));
  await publishEach(channel, queue, count);
  let consumed = 0;
  for (let misses = 0; consumed < count && misses < 100; ) {
    const message: GetMessage | false = await channel.get(queue);
    if (!message) {
      misses += 1;
      continue;
    }
    processMessage(message, () => undefined, { queue });
    channel.ack(message);
    consumed += 1;
  }
  await channel.close();
  return {
    spans: telemetry.readableSpans(),
    consumed,
    isProducer: (s) => s.name === `publish ${queue}`,
    consumers: [
      // A get returns one message: its receive span has one link, like a process span.
      { label: 'get', shape: 'per-message', is: (s) => s.name === `receive ${queue}` },
      {
        label: 'processMessage after get',
        shape: 'per-message',
        is: (s) => s.name === `process ${queue}` && s.kind === SpanKind.CONSUMER,
      },
    ],
  };
};

describe('amqplib link mode under the link-aware sampler', () => {
  it('consume: head sampling keeps every linked publisher and consumer together', async () => {
    await expectHeadSamplingKeepsLinkedSets('amqplib', telemetry, consume);
  });

  it('get: head sampling keeps every pulled message with its publisher', async () => {
    await expectHeadSamplingKeepsLinkedSets('amqplib', telemetry, get);
  });

  it('consume: a consistent downstream sampler keeps or drops each linked pair together', async () => {
    await expectDownstreamSamplingKeepsLinkedSets('amqplib', telemetry, consume);
  });

  it('get: a consistent downstream sampler keeps or drops each linked pair together', async () => {
    await expectDownstreamSamplingKeepsLinkedSets('amqplib', telemetry, get);
  });
});
