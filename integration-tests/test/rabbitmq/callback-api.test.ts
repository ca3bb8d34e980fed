import { describe, expect, it } from '@jest/globals';
import { assertSpan, childrenOf, uniqueName } from '@msgtrace/test-utils';
import type { Channel, Connection, GetMessage } from 'amqplib/callback_api';
import { instrumentAmqp } from '../../src/amqp';
import { endpoints } from '../../src/clients';

const { telemetry } = instrumentAmqp();
const callbackApi = require('amqplib/callback_api') as typeof import('amqplib/callback_api');

const call = <T>(fn: (cb: (error: unknown, value: T) => void) => void) =>
  new Promise<T>((resolve, reject) =>
    fn((error, value) => (error ? reject(error) : resolve(value))),
  );
const done = (fn: (cb: (error: unknown) => void) => void) =>
  new Promise<void>((resolve, reject) => fn((error) => (error ? reject(error) : resolve())));

describe('amqplib callback API', () => {
  it('traces publish, consume with ack, and get the same way', async () => {
    const connection = await call<Connection>((cb) => callbackApi.connect(endpoints.amqpUrl, cb));
    try {
      const channel = await call<Channel>((cb) => connection.createChannel(cb));
      const queue = uniqueName('callback');
      // Not auto-deleted: the queue must outlive the cancelled consumer for the get.
      await call((cb) => channel.assertQueue(queue, { durable: false }, cb));
      channel.sendToQueue(queue, Buffer.from('one'));
      channel.sendToQueue(queue, Buffer.from('two'));
      const consumed: string[] = [];
      const tag = await new Promise<string>((resolve) => {
        channel.consume(
          queue,
          (message) => {
            if (!message) return;
            channel.ack(message);
            consumed.push(message.content.toString());
            if (consumed.length === 2) resolve(message.fields.consumerTag);
          },
          {},
        );
      });
      expect(consumed).toEqual(['one', 'two']);
      await call((cb) => channel.cancel(tag, cb));

      channel.sendToQueue(queue, Buffer.from('three'));
      let got: GetMessage | false = false;
      for (let i = 0; i < 50 && !got; i++) {
        got = await call<GetMessage | false>((cb) => channel.get(queue, { noAck: true }, cb));
      }
      expect(got === false ? undefined : got.content.toString()).toBe('three');

      const spans = telemetry.spans();
      const publishes = spans.filter((s) => s.name === `publish ${queue}`);
      expect(publishes).toHaveLength(3);
      for (const publish of publishes.slice(0, 2)) {
        const [process] = childrenOf(spans, publish);
        if (!process) throw new Error('a publish without its process span');
        assertSpan(process, {
          name: `process ${queue}`,
          attributes: { 'msgtrace.rabbitmq.settlement': 'ack' },
        });
      }
      const receive = spans.find((s) => s.name === `receive ${queue}` && s.links.length === 1);
      if (!receive) throw new Error('no receive span for the get');
      assertSpan(receive, { links: [{ to: publishes[2] as (typeof publishes)[number] }] });
      await call((cb) => channel.deleteQueue(queue, {}, cb));
      await done((cb) => channel.close(cb));
    } finally {
      await done((cb) => connection.close(cb)).catch(() => undefined);
    }
  });
});
