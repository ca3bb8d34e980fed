import { dirname, join } from 'node:path';
import { afterAll, jest } from '@jest/globals';
import {
  AmqplibInstrumentation,
  type AmqplibInstrumentationConfig,
} from '@msgtrace/instrumentation-amqplib';
import { setupTestTelemetry, type TestTelemetry } from '@msgtrace/test-utils';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import { endpoints } from './clients';

type Amqplib = typeof import('amqplib');

/**
 * amqplib instrumented in this Jest process: Jest's registry hides modules from the loader hook,
 * so the suite instruments the channel modules its amqplib loaded (the same patches the hook
 * applies). The register entry itself is tested out of process.
 */
export interface InstrumentedAmqp {
  telemetry: TestTelemetry;
  instrumentation: AmqplibInstrumentation;
  amqp: Amqplib;
  connect(): Promise<ChannelModel>;
}

export function instrumentAmqp(config: AmqplibInstrumentationConfig = {}): InstrumentedAmqp {
  const telemetry = setupTestTelemetry();
  const instrumentation = new AmqplibInstrumentation(config);
  const amqp = require('amqplib') as Amqplib;
  const lib = join(dirname(require.resolve('amqplib')), 'lib');
  instrumentation.instrumentModule('lib/channel_model.js', require(join(lib, 'channel_model.js')));
  instrumentation.instrumentModule(
    'lib/callback_model.js',
    require(join(lib, 'callback_model.js')),
  );
  const connections: ChannelModel[] = [];
  afterAll(async () => {
    await Promise.allSettled(connections.map((c) => c.close()));
    instrumentation.disable();
    await telemetry.shutdown();
  });
  return {
    telemetry,
    instrumentation,
    amqp,
    async connect() {
      const connection = await amqp.connect(endpoints.amqpUrl);
      connections.push(connection);
      return connection;
    },
  };
}

/** An amqplib of its own, never instrumented: the "someone else's publisher" of a test. */
export function bareAmqplib(): Amqplib {
  let isolated: Amqplib | undefined;
  jest.isolateModules(() => {
    isolated = require('amqplib') as Amqplib;
  });
  if (!isolated) throw new Error('could not load an isolated amqplib');
  return isolated;
}

/** A fresh, auto-deleted queue. */
export async function freshQueue(channel: Channel, name: string): Promise<string> {
  await channel.assertQueue(name, { durable: false, autoDelete: true });
  return name;
}

/** Consumes until `count` messages arrived, handing each to `handler` (which settles it). */
export function consumeN(
  channel: Channel,
  queue: string,
  count: number,
  handler: (message: ConsumeMessage) => unknown,
  options: { noAck?: boolean } = {},
): Promise<ConsumeMessage[]> {
  const seen: ConsumeMessage[] = [];
  return new Promise((resolve, reject) => {
    channel
      .consume(
        queue,
        async (message) => {
          if (!message) return;
          seen.push(message);
          await handler(message);
          if (seen.length === count) resolve(seen);
        },
        options,
      )
      .catch(reject);
  });
}

/** Lets the event loop turn, for spans that end on a broker's answer. */
export const tick = (ms = 50) => new Promise((resolve) => setTimeout(resolve, ms));
