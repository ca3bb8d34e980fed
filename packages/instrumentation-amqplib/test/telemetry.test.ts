import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { decodePathway } from '@msgtrace/core';
import { setupTestTelemetry } from '@msgtrace/test-utils';
import {
  context,
  createNoopMeter,
  metrics,
  SamplingDecision,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { AmqplibInstrumentation } from '../src/instrumentation';
import { processMessage } from '../src/process-message';
import { openDeliveries } from '../src/settlement';
import type { AmqpMessage } from '../src/types';

/**
 * The patches, telemetry and settlement tracking driven through fake amqplib channel classes:
 * what the library is called with, and when and how each span ends. The broker suites cover the
 * real client.
 */
const telemetry = setupTestTelemetry();
afterAll(() => telemetry.shutdown());
beforeEach(() => telemetry.reset());

type Handler = (message: AmqpMessage | null) => unknown;

class Channel extends EventEmitter {
  connection = { stream: { remoteAddress: '10.0.0.1', remotePort: 5672 } };
  published: unknown[][] = [];
  handlers = new Map<string, Handler>();
  settled: string[] = [];
  next: AmqpMessage | false = false;
  answer: unknown = true;
  publish(...args: unknown[]): boolean {
    this.published.push(args);
    return this.answer as boolean;
  }
  consume(queue: string, handler: Handler, _options?: object) {
    this.handlers.set(queue, handler);
    return Promise.resolve({ consumerTag: 'ctag' });
  }
  get(_queue: string, _options?: object): Promise<AmqpMessage | false> {
    return Promise.resolve(this.next);
  }
  ack(message: AmqpMessage) {
    this.settled.push(`ack ${message.fields.deliveryTag}`);
  }
  nack(message: AmqpMessage, _allUpTo?: boolean, _requeue?: boolean) {
    this.settled.push(`nack ${message.fields.deliveryTag}`);
  }
  reject(message: AmqpMessage) {
    this.settled.push(`reject ${message.fields.deliveryTag}`);
  }
  ackAll() {
    this.settled.push('ackAll');
  }
  nackAll() {
    this.settled.push('nackAll');
  }
}

class ConfirmChannel extends Channel {
  refuse = false;
  override publish(...args: unknown[]): boolean {
    const callback = args[4] as ((error: unknown, ok: unknown) => void) | undefined;
    // amqplib's confirm publish goes through the plain channel's publish.
    const result = super.publish(...args.slice(0, 4));
    setImmediate(() => callback?.(this.refuse ? new Error('nacked') : null, undefined));
    return result;
  }
}

class CallbackChannel extends Channel {
  override get(_queue: string, _options?: object): never {
    throw new Error('use getWith');
  }
}
// The callback API: get(queue, options, callback).
Object.defineProperty(CallbackChannel.prototype, 'get', {
  value: function get(
    this: Channel,
    _queue: string,
    _options: object,
    callback: (error: unknown, message: unknown) => void,
  ) {
    setImmediate(() => callback(null, this.next));
  },
  writable: true,
  configurable: true,
});

const instrumentation = new AmqplibInstrumentation({ settleTimeoutMs: 50 });
instrumentation.instrumentModule('lib/channel_model.js', { Channel, ConfirmChannel });
instrumentation.instrumentModule('lib/callback_model.js', { Channel: CallbackChannel });

let tag = 0;
function delivered(headers?: Record<string, unknown>): AmqpMessage {
  tag++;
  return {
    content: Buffer.from('hello'),
    fields: {
      deliveryTag: tag,
      exchange: '',
      routingKey: 'jobs',
      redelivered: false,
      consumerTag: 'ctag',
    },
    properties: { headers, timestamp: Math.floor(Date.now() / 1000) - 1 },
  };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

function published(channel: Channel): Record<string, unknown> {
  return channel.published.at(-1)?.[3] as Record<string, unknown>;
}

describe('publish', () => {
  it('publishes a copy of the options carrying the span, leaving the caller’s alone', () => {
    const channel = new Channel();
    const options = Object.freeze({ headers: Object.freeze({ app: 'x' }), messageId: 'm-1' });
    expect(channel.publish('', 'jobs', Buffer.from('a'), options)).toBe(true);
    const headers = published(channel).headers as Record<string, unknown>;
    expect(headers.app).toBe('x');
    expect(typeof headers.traceparent).toBe('string');
    expect(options.headers).toEqual({ app: 'x' });
    const [span] = telemetry.spans();
    expect(span).toMatchObject({ name: 'publish jobs', kind: SpanKind.PRODUCER });
    expect(span?.attributes).toMatchObject({
      'network.peer.address': '10.0.0.1',
      'network.peer.port': 5672,
      'messaging.message.id': 'm-1',
    });
  });

  it('ends a confirm channel’s span when the broker answers, failed on a nack, once', async () => {
    const channel = new ConfirmChannel();
    let answered: unknown = 'not yet';
    channel.refuse = true;
    channel.publish('', 'jobs', Buffer.from('a'), {}, (error: unknown) => {
      answered = error;
    });
    expect(telemetry.spans()).toEqual([]);
    await until(() => answered !== 'not yet');
    expect(answered).toBeInstanceOf(Error);
    const spans = telemetry.spans();
    expect(spans).toHaveLength(1);
    expect(spans[0]?.status.code).toBe(SpanStatusCode.ERROR);
    expect(spans[0]?.attributes['error.type']).toBe('PublishNacked');
  });

  it('leaves calls amqplib would refuse to amqplib', () => {
    const channel = new Channel();
    channel.publish('', 'jobs', 'not a buffer' as never, {});
    expect(published(channel)).toEqual({});
    expect(telemetry.spans()).toEqual([]);
  });
});

describe('consume and settlement', () => {
  async function consumer(noAck = false) {
    const channel = new Channel();
    const seen: AmqpMessage[] = [];
    await channel.consume('jobs', (m) => m && seen.push(m), { noAck });
    const handler = channel.handlers.get('jobs') as Handler;
    return { channel, seen, handler };
  }

  it('keeps the process span open until ack, and records the outcome', async () => {
    const { channel, handler } = await consumer();
    const message = delivered();
    handler(message);
    expect(telemetry.spans()).toEqual([]);
    channel.ack(message);
    const [span] = telemetry.spans();
    expect(span).toMatchObject({ name: 'process jobs', kind: SpanKind.CONSUMER });
    expect(span?.attributes['msgtrace.rabbitmq.settlement']).toBe('ack');
    expect(channel.settled).toEqual([`ack ${message.fields.deliveryTag}`]);
  });

  it('is a child of the publisher’s span, and records nack and reject with requeue', async () => {
    const producer = new Channel();
    producer.publish('', 'jobs', Buffer.from('a'), {});
    const headers = published(producer).headers as Record<string, unknown>;
    telemetry.reset();
    const { channel, handler } = await consumer();
    const first = delivered(headers);
    const second = delivered(headers);
    handler(first);
    handler(second);
    channel.nack(first, false, false);
    channel.reject(second);
    const spans = telemetry.spans();
    expect(spans.map((s) => s.attributes['msgtrace.rabbitmq.settlement'])).toEqual([
      'nack',
      'reject',
    ]);
    expect(spans.map((s) => s.attributes['msgtrace.rabbitmq.requeue'])).toEqual([false, true]);
  });

  it('settles everything up to a tag, all at once, and on channel close', async () => {
    const { channel, handler } = await consumer();
    const messages = [delivered(), delivered(), delivered(), delivered()];
    for (const m of messages) handler(m);
    (channel.ack as (m: AmqpMessage, allUpTo: boolean) => void)(messages[1] as AmqpMessage, true);
    expect(telemetry.spans()).toHaveLength(2);
    channel.nackAll();
    expect(telemetry.spans()).toHaveLength(4);
    handler(delivered());
    channel.emit('close');
    const outcomes = telemetry.spans().map((s) => s.attributes['msgtrace.rabbitmq.settlement']);
    expect(outcomes).toEqual(['ack', 'ack', 'nack', 'nack', 'channel-closed']);
  });

  it('ends a never-settled span on timeout, and a noAck span with its handler', async () => {
    const { handler } = await consumer();
    handler(delivered());
    await until(() => telemetry.spans().length > 0);
    expect(telemetry.spans()[0]?.attributes['msgtrace.rabbitmq.settlement']).toBe('timeout');
    telemetry.reset();
    const auto = await consumer(true);
    auto.handler(delivered());
    expect(telemetry.spans()[0]?.attributes['msgtrace.rabbitmq.settlement']).toBe('auto-ack');
  });

  it('marks the span of a handler that throws, and passes the error on', async () => {
    const channel = new Channel();
    await channel.consume(
      'jobs',
      () => {
        throw new SyntaxError('bad message');
      },
      { noAck: true },
    );
    expect(() => channel.handlers.get('jobs')?.(delivered())).toThrow('bad message');
    const [span] = telemetry.spans();
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.attributes['error.type']).toBe('SyntaxError');
  });

  it('passes the broker’s cancel (null) straight to the handler', async () => {
    const { handler, seen } = await consumer();
    handler(null);
    expect(seen).toEqual([]);
    expect(telemetry.spans()).toEqual([]);
  });
});

describe('get and processMessage', () => {
  it('records a receive span when get answers, linked to the publisher, and one for an empty get', async () => {
    const producer = new Channel();
    producer.publish('', 'jobs', Buffer.from('a'), {});
    const send = telemetry.spans()[0];
    const headers = published(producer).headers as Record<string, unknown>;
    telemetry.reset();
    const channel = new Channel();
    channel.next = delivered(headers);
    const message = await channel.get('jobs');
    channel.next = false;
    expect(await channel.get('jobs')).toBe(false);
    const [receive, empty] = telemetry.spans();
    expect(receive).toMatchObject({ name: 'receive jobs', kind: SpanKind.CLIENT });
    expect(receive?.links.map((l) => l.context.spanId)).toEqual([send?.spanId]);
    expect(empty?.links).toEqual([]);

    const result = processMessage(message as AmqpMessage, (span) => span?.spanContext().spanId, {
      queue: 'jobs',
    });
    const process = telemetry.spans().at(-1);
    expect(process?.spanId).toBe(result);
    expect(process?.parentSpanId).toBe(send?.spanId);
  });

  it('records the callback API’s get through its callback', async () => {
    const channel = new CallbackChannel();
    channel.next = delivered();
    const message = await new Promise((resolve) =>
      (
        channel.get as unknown as (
          q: string,
          o: object,
          cb: (e: unknown, m: unknown) => void,
        ) => void
      )('jobs', {}, (_e: unknown, m: unknown) => resolve(m)),
    );
    expect(message).toBe(channel.next);
    expect(telemetry.spans().map((s) => s.name)).toEqual(['receive jobs']);
  });

  it('records processMessage’s duration with error.type when work throws', async () => {
    expect(() =>
      processMessage(delivered(), () => {
        throw new RangeError('x');
      }),
    ).toThrow('x');
    const duration = (await telemetry.collectMetrics()).find(
      (m) => m.name === 'messaging.process.duration',
    );
    expect(duration?.dataPoints.some((p) => p.attributes['error.type'] === 'RangeError')).toBe(
      true,
    );
  });
});

describe('publish: what the call does besides the span', () => {
  it('hands amqplib’s own throw to the caller and fails the span', () => {
    const channel = new Channel();
    channel.published = {
      push() {
        throw new TypeError('frame too large');
      },
    } as unknown as unknown[][];
    expect(() => channel.publish('', 'jobs', Buffer.from('a'), {})).toThrow('frame too large');
    const [span] = telemetry.spans();
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.attributes['error.type']).toBe('TypeError');
  });

  it('ends the span when a publish that answers a promise settles, its value unchanged', async () => {
    const channel = new Channel();
    channel.answer = Promise.resolve('queued');
    const result = channel.publish('', 'jobs', Buffer.from('a'), {}) as unknown;
    expect(telemetry.spans()).toEqual([]);
    expect(await result).toBe('queued');
    expect(telemetry.spans().map((s) => s.name)).toEqual(['publish jobs']);
  });

  it('publishes the caller’s own arguments when preparing the span throws', () => {
    const channel = new Channel();
    const options = {
      get messageId(): string {
        throw new Error('hostile getter');
      },
    };
    expect(channel.publish('', 'jobs', Buffer.from('a'), options)).toBe(true);
    expect(published(channel)).toBe(options);
    expect(telemetry.spans()).toEqual([]);
  });
});

describe('unsampled, without metrics', () => {
  const off = {
    shouldSample: () => ({ decision: SamplingDecision.NOT_RECORD }),
    toString: () => 'off',
  };
  beforeAll(() => {
    telemetry.useSampler(off);
    instrumentation.setMeterProvider({ getMeter: () => createNoopMeter() });
  });
  afterAll(() => {
    telemetry.useSampler({
      shouldSample: () => ({ decision: SamplingDecision.RECORD_AND_SAMPLED }),
      toString: () => 'on',
    });
    instrumentation.setMeterProvider(metrics.getMeterProvider());
  });

  it('still carries context, runs the handler in it, passes errors on and tracks nothing', async () => {
    const producer = new Channel();
    producer.publish('', 'jobs', Buffer.from('a'), { headers: { app: 'x' } });
    const headers = published(producer).headers as Record<string, unknown>;
    expect(headers.app).toBe('x');
    expect(headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    const channel = new Channel();
    const seen: (string | undefined)[] = [];
    await channel.consume('jobs', (message) => {
      seen.push(trace.getSpanContext(context.active())?.traceId);
      if (message?.fields.deliveryTag === -1) throw new RangeError('handler failed');
      if (message) channel.ack(message);
      return 'handled';
    });
    const handler = channel.handlers.get('jobs') as Handler;
    expect(handler(delivered(headers))).toBe('handled');
    expect(seen).toEqual([String(headers.traceparent).split('-')[1]]);
    const failing = delivered(headers);
    failing.fields.deliveryTag = -1;
    expect(() => handler(failing)).toThrow('handler failed');
    expect(openDeliveries(channel)).toBe(0);
    expect(channel.settled).toHaveLength(1);
    expect(telemetry.spans()).toEqual([]);
  });
});

describe('disabled', () => {
  it('passes every call through, and processMessage runs work with no span', () => {
    instrumentation.disable();
    try {
      const channel = new Channel();
      channel.publish('', 'jobs', Buffer.from('a'), {});
      expect(published(channel)).toEqual({});
      expect(processMessage(delivered(), (span) => span)).toBeUndefined();
      expect(telemetry.spans()).toEqual([]);
    } finally {
      instrumentation.enable();
      instrumentation.instrumentModule('lib/channel_model.js', { Channel, ConfirmChannel });
      instrumentation.instrumentModule('lib/callback_model.js', { Channel: CallbackChannel });
    }
  });
});

describe('pathways, by default (off)', () => {
  it('writes no pathway field, and a consumed one reaches the handler as it came, not continued', async () => {
    const channel = new Channel();
    channel.publish('', 'pw-off', Buffer.from('a'), {});
    expect(published(channel).headers).not.toHaveProperty('msgtrace-pw');
    const seen: unknown[] = [];
    await channel.consume('pw-off', (message) => {
      seen.push(message?.properties.headers);
      channel.publish('', 'pw-off-next', Buffer.from('b'), {});
    });
    const incoming = { 'msgtrace-pw': '9f86d081884c7d65.2.mx2w2s2m', app: 'x' };
    channel.handlers.get('pw-off')?.(delivered({ ...incoming }));
    expect(seen).toEqual([incoming]);
    expect(published(channel).headers).not.toHaveProperty('msgtrace-pw');
    const names = (await telemetry.collectMetrics()).map((m) => m.name);
    expect(names.filter((name) => name.startsWith('msgtrace.pathway'))).toEqual([]);
  });
});

describe('pathways, turned on', () => {
  const pathwayIn = (channel: Channel) =>
    decodePathway((published(channel).headers as Record<string, unknown>)['msgtrace-pw']);
  const before = instrumentation.getConfig();
  beforeAll(() => instrumentation.setConfig({ ...before, pipelines: { enabled: true } }));
  afterAll(() => instrumentation.setConfig(before));

  it('a consumed message’s pathway continues in what its handler publishes; get records it once', async () => {
    const channel = new Channel();
    channel.publish('', 'pw-jobs', Buffer.from('a'), {});
    const first = pathwayIn(channel);
    expect(first?.hops).toBe(1);
    await channel.consume('pw-jobs', (message) => {
      if (message) channel.publish('', 'pw-next', Buffer.from('b'), {});
    });
    const headers = published(channel).headers as Record<string, unknown>;
    channel.handlers.get('pw-jobs')?.(delivered(headers));
    expect(pathwayIn(channel)).toMatchObject({ hops: 2, startMs: first?.startMs });

    channel.next = delivered(headers);
    const got = await channel.get('pw-jobs');
    if (!got) throw new Error('no message');
    processMessage(got, () => channel.publish('', 'pw-after-get', Buffer.from('c'), {}), {
      queue: 'pw-jobs',
    });
    expect(pathwayIn(channel)).toMatchObject({ hops: 2, startMs: first?.startMs });
    const points = (await telemetry.collectMetrics())
      .find((m) => m.name === 'msgtrace.pathway.consumed')
      ?.dataPoints.filter((p) => p.attributes['messaging.destination.name'] === 'pw-jobs');
    expect(points?.map((p) => p.value)).toEqual([2]); // consume and get; processMessage adds none
  });

  it('garbage pathway data is no pathway: the handler runs, what it publishes starts anew', async () => {
    const channel = new Channel();
    let handled = 0;
    await channel.consume('pw-garbage', (message) => {
      handled++;
      if (message) channel.publish('', 'pw-fresh', Buffer.from('b'), {});
    });
    for (const value of ['zz', Buffer.from([0xff, 0xfe]), 7, { a: 1 }, 'f'.repeat(5000)]) {
      channel.handlers.get('pw-garbage')?.(delivered({ 'msgtrace-pw': value }));
      expect(pathwayIn(channel)?.hops).toBe(1);
    }
    expect(handled).toBe(5);
  });
});
