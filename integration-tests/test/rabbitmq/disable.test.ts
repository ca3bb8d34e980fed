import { dirname, join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { uniqueName } from '@msgtrace/test-utils';
import { isWrapped } from '@opentelemetry/instrumentation';
import { consumeN, freshQueue, instrumentAmqp } from '../../src/amqp';

const { telemetry, instrumentation, connect } = instrumentAmqp();
const lib = join(dirname(require.resolve('amqplib')), 'lib');

describe('amqplib instrumentation disable()', () => {
  it('restores every original method and stops tracing; enable() brings it back', async () => {
    const { Channel, ConfirmChannel } = require(join(lib, 'channel_model.js'));
    const callback = require(join(lib, 'callback_model.js'));
    const methods = ['publish', 'consume', 'get', 'ack', 'nack', 'reject', 'ackAll', 'nackAll'];
    for (const method of methods) expect(isWrapped(Channel.prototype[method])).toBe(true);
    instrumentation.disable();
    for (const method of methods) {
      expect(isWrapped(Channel.prototype[method])).toBe(false);
      expect(isWrapped(callback.Channel.prototype[method])).toBe(false);
    }
    expect(isWrapped(ConfirmChannel.prototype.publish)).toBe(false);

    const connection = await connect();
    const channel = await connection.createChannel();
    const queue = await freshQueue(channel, uniqueName('disabled'));
    channel.sendToQueue(queue, Buffer.from('x'));
    const [received] = await consumeN(channel, queue, 1, (m) => channel.ack(m));
    expect(received?.properties.headers).toEqual({});
    expect(telemetry.spans()).toEqual([]);

    instrumentation.enable();
    instrumentation.instrumentModule(
      'lib/channel_model.js',
      require(join(lib, 'channel_model.js')),
    );
    channel.sendToQueue(queue, Buffer.from('y'));
    expect(telemetry.spans().map((s) => s.name)).toEqual([`publish ${queue}`]);
    await channel.close();
  });
});
