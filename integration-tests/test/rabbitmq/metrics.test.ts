import { describe, expect, it } from '@jest/globals';
import { uniqueName } from '@msgtrace/test-utils';
import { consumeN, freshQueue, instrumentAmqp } from '../../src/amqp';

const { telemetry, connect } = instrumentAmqp();

describe('amqplib metrics', () => {
  it('counts sent and consumed messages, times publish and processing, and ages messages', async () => {
    const connection = await connect();
    const channel = await connection.createChannel();
    const queue = await freshQueue(channel, uniqueName('metrics'));
    const tenSecondsAgo = Math.floor(Date.now() / 1000) - 10;
    channel.sendToQueue(queue, Buffer.from('a'), { timestamp: tenSecondsAgo });
    channel.sendToQueue(queue, Buffer.from('b'));
    await consumeN(channel, queue, 2, (m) => channel.ack(m));
    await channel.close();

    const byName = new Map((await telemetry.collectMetrics()).map((m) => [m.name, m]));
    const points = (name: string) =>
      byName
        .get(name)
        ?.dataPoints.filter((p) => p.attributes['messaging.destination.name'] !== undefined) ?? [];
    expect(
      points('messaging.client.sent.messages').map((p) => [
        p.attributes['messaging.operation.name'],
        p.value,
      ]),
    ).toEqual([['publish', 2]]);
    expect(
      points('messaging.client.consumed.messages').map((p) => [
        p.attributes['messaging.destination.subscription.name'],
        p.value,
      ]),
    ).toEqual([[queue, 2]]);
    const process = points('messaging.process.duration')[0]?.value as { count: number };
    expect(process.count).toBe(2);
    // Only the message with a timestamp has an age, of about ten seconds.
    const age = points('msgtrace.messaging.message.age')[0]?.value as {
      count: number;
      sum: number;
    };
    expect(age.count).toBe(1);
    expect(age.sum).toBeGreaterThanOrEqual(9);
    expect(age.sum).toBeLessThan(60);
  });
});
