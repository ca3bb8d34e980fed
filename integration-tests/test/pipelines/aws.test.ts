import * as kinesisSdk from '@aws-sdk/client-kinesis';
import { CreateQueueCommand, DeleteQueueCommand } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from '@jest/globals';
import { pathwayHash } from '@msgtrace/core';
import { type PlainHistogram, uniqueName } from '@msgtrace/test-utils';
import { kinesisClient, sqsClient } from '../../src/clients';
import { createStream } from '../../src/kinesis';
import { expectClean, hop, points } from '../../src/pipelines';

/**
 * Pipelines through SQS and Kinesis, each service its own process under always_off sampling:
 *
 *   origin ─SQS─▶ relay (processMessage, waits DELAY) ─Kinesis─▶ sink (processRecord)
 *
 * The pathway travels in a message attribute and in the record body's context member, and the
 * applications see neither: not the attribute, and the exact bytes that were put.
 */
const COUNT = 3;
const DELAY_MS = 500;
const sqs = sqsClient();
let queueUrl: string | undefined;
afterAll(async () => {
  if (queueUrl) await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
});

const awsHop = (service: string, env: NodeJS.ProcessEnv) =>
  hop(service, { COUNT: String(COUNT), ...env }, true, 'aws-hop.cjs');

describe('pipelines across SQS and Kinesis under always_off sampling', () => {
  it('carries the pathway in an SQS attribute and the Kinesis body, stripped before the app sees them', async () => {
    const queue = uniqueName('pw-aws-q');
    queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: queue }))).QueueUrl ?? '';
    const stream = await createStream(kinesisSdk, kinesisClient(), 'pw-aws-stream');
    const [origin, relay, sink] = await Promise.all([
      awsHop('pw-aws-origin', { OUT: `sqs:${queueUrl}` }),
      awsHop('pw-aws-relay', {
        IN: `sqs:${queueUrl}`,
        OUT: `kinesis:${stream}`,
        DELAY_MS: String(DELAY_MS),
      }),
      awsHop('pw-aws-sink', { IN: `kinesis:${stream}` }),
    ]);
    expectClean(origin, relay, sink);
    // What the applications saw: no attributes they did not ask for, the exact bytes put.
    expect(JSON.parse(relay.stdout).seen).toEqual(Array(COUNT).fill([]));
    expect(JSON.parse(sink.stdout).seen).toEqual(
      [0, 1, 2].map((n) => `{ "n": ${n}, "big": 12345678901234567890 }`),
    );

    const id1 = pathwayHash('', 'pw-aws-origin', 'aws_sqs', queue);
    const id2 = pathwayHash(id1, 'pw-aws-relay', 'aws_kinesis', stream);
    const edge = (result: typeof origin, name: string) =>
      points(result, name).map((p) => [
        p.attributes['msgtrace.pathway.id'],
        p.attributes['msgtrace.pathway.hops'],
        p.attributes['messaging.destination.name'],
        p.value,
      ]);
    expect(edge(origin, 'msgtrace.pathway.produced')).toEqual([[id1, 1, queue, COUNT]]);
    expect(edge(relay, 'msgtrace.pathway.consumed')).toEqual([[id1, 1, queue, COUNT]]);
    expect(edge(relay, 'msgtrace.pathway.produced')).toEqual([[id2, 2, stream, COUNT]]);
    expect(edge(sink, 'msgtrace.pathway.consumed')).toEqual([[id2, 2, stream, COUNT]]);
    const latency = points(sink, 'msgtrace.pathway.latency')[0]?.value as PlainHistogram;
    expect(latency.count).toBe(COUNT);
    // Every record reached the sink at least the relay's delay after the origin sent it.
    const upTo = latency.boundaries.indexOf(DELAY_MS / 1000);
    expect(latency.counts.slice(0, upTo + 1).reduce((a, b) => a + b, 0)).toBe(0);
  });
});
