import { describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan, spansNamed, uniqueName } from '@msgtrace/test-utils';
import { bareAmqplib, consumeN, freshQueue, instrumentAmqp } from '../../src/amqp';
import { endpoints } from '../../src/clients';

const { telemetry, instrumentation, connect } = instrumentAmqp();

const HOSTILE: Record<string, Record<string, unknown>> = {
  none: {},
  garbage: { traceparent: 'not-a-traceparent' },
  'all-zero ids': { traceparent: `00-${'0'.repeat(32)}-${'0'.repeat(16)}-01` },
  oversized: { traceparent: `00-${'a'.repeat(20_000)}` },
  binary: { traceparent: Buffer.from([0xff, 0xfe, 0x00, 0x80]) },
  'a number': { traceparent: 42 },
  'a nested table': { traceparent: { nested: 'x' } },
};

describe('amqplib messages with no or hostile trace headers', () => {
  it('yield root process spans, and the handler gets every header as published', async () => {
    // Someone else's publisher: an amqplib msgtrace never patched.
    const bare = await bareAmqplib().connect(endpoints.amqpUrl);
    const publisher = await bare.createChannel();
    const connection = await connect();
    const channel = await connection.createChannel();
    const queue = await freshQueue(channel, uniqueName('hostile'));
    for (const [name, headers] of Object.entries(HOSTILE)) {
      publisher.sendToQueue(queue, Buffer.from(name), { headers });
    }
    const received = await consumeN(channel, queue, Object.keys(HOSTILE).length, (m) =>
      channel.ack(m),
    );
    await bare.close();
    for (const message of received) {
      const sent = HOSTILE[message.content.toString()] ?? {};
      // AMQP tables come back with their own types; compare what the app would compare.
      expect(Object.keys(message.properties.headers ?? {}).sort()).toEqual(
        Object.keys(sent).sort(),
      );
    }
    const processes = spansNamed(telemetry.spans(), `process ${queue}`);
    expect(processes).toHaveLength(Object.keys(HOSTILE).length);
    for (const process of processes) assertSpan(process, { parent: null, links: [] });
    await channel.close();
  });
});

describe('amqplib publish options the caller owns', () => {
  it('are never mutated, and a stale differently-cased header does not travel', async () => {
    const connection = await connect();
    const channel = await connection.createChannel();
    const queue = await freshQueue(channel, uniqueName('frozen'));
    const options = Object.freeze({
      headers: Object.freeze({ app: 'x', TraceParent: 'stale' }),
      messageId: 'm',
    });
    const before = structuredClone(options);
    channel.sendToQueue(queue, Buffer.from('x'), options);
    expect(options).toEqual(before);
    const [received] = await consumeN(channel, queue, 1, (m) => channel.ack(m));
    // No pathway header: pipelines are opt-in.
    expect(Object.keys(received?.properties.headers ?? {}).sort()).toEqual(['app', 'traceparent']);
    await channel.close();
  });

  it('leave headers close to amqplib’s 64 KiB table limit alone, so the publish still works', async () => {
    const connection = await connect();
    const channel = await connection.createChannel();
    const queue = await freshQueue(channel, uniqueName('big-headers'));
    const headers = { blob: 'x'.repeat(63_000) };
    channel.sendToQueue(queue, Buffer.from('x'), { headers });
    const [received] = await consumeN(channel, queue, 1, (m) => channel.ack(m));
    expect(Object.keys(received?.properties.headers ?? {})).toEqual(['blob']);
    // Traced all the same, just not propagated.
    assertSpan(onlySpan(telemetry.spans(), `process ${queue}`), { parent: null });
    expect(spansNamed(telemetry.spans(), `publish ${queue}`)).toHaveLength(1);
    await channel.close();
  });
});

describe('amqplib link mode', () => {
  it('makes the process span a root linked to the publisher', async () => {
    instrumentation.setConfig({ propagationMode: 'link' });
    try {
      const connection = await connect();
      const channel = await connection.createChannel();
      const queue = await freshQueue(channel, uniqueName('link'));
      channel.sendToQueue(queue, Buffer.from('x'));
      await consumeN(channel, queue, 1, (m) => channel.ack(m));
      const spans = telemetry.spans();
      assertSpan(onlySpan(spans, `process ${queue}`), {
        parent: null,
        links: [{ to: onlySpan(spans, `publish ${queue}`) }],
      });
      await channel.close();
    } finally {
      instrumentation.setConfig({});
    }
  });
});
