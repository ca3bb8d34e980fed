import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pathwayHash } from '@msgtrace/core';
import {
  type FixtureResult,
  type PlainDataPoint,
  type PlainHistogram,
  uniqueName,
} from '@msgtrace/test-utils';
import { kafkaClient } from '../../src/clients';
import { createTopic } from '../../src/kafka';
import { expectClean, plainQueue, points, hop as runHop } from '../../src/pipelines';

/**
 * A three-hop pipeline across two brokers, each service a separate process instrumented only by
 * the register entry, under always_off sampling (no span is kept anywhere):
 *
 *   origin ─Kafka─▶ relay (waits DELAY) ─RabbitMQ─▶ bridge (waits DELAY) ─Kafka─▶ sink
 *
 * Pathway metrics still come out of every consumer, with the hops and latencies the path had.
 */
const COUNT = 3;
// Latencies are checked against histogram bucket boundaries (0.5 s, 1 s).
const DELAY_MS = 500;

let first: string;
let second: string;
let queue: string;
let dropQueue: () => Promise<void>;
beforeAll(async () => {
  const kafka = kafkaClient('pipelines-chain');
  first = await createTopic(kafka, 'pw-chain-in');
  second = await createTopic(kafka, 'pw-chain-out');
  queue = uniqueName('pw-chain-q');
  dropQueue = (await plainQueue(queue)).drop;
});
afterAll(() => dropQueue());

const hop = (service: string, env: NodeJS.ProcessEnv) =>
  runHop(service, { COUNT: String(COUNT), ...env });

async function runChain() {
  const [origin, relay, bridge, sink] = await Promise.all([
    hop('pw-origin', { OUT: `kafka:${first}` }),
    hop('pw-relay', {
      IN: `kafka:${first}`,
      OUT: `amqp:${queue}`,
      GROUP: `${first}-relay`,
      DELAY_MS: String(DELAY_MS),
    }),
    hop('pw-bridge', { IN: `amqp:${queue}`, OUT: `kafka:${second}`, DELAY_MS: String(DELAY_MS) }),
    hop('pw-sink', { IN: `kafka:${second}`, GROUP: `${second}-sink` }),
  ]);
  expectClean(origin, relay, bridge, sink);
  for (const result of [origin, relay, bridge, sink]) expect(result.spans).toEqual([]);
  return { origin, relay, bridge, sink };
}

/** The one point of `name`, with its attributes and value. */
function only(result: FixtureResult, name: string): PlainDataPoint {
  const found = points(result, name);
  expect(found).toHaveLength(1);
  return found[0] as PlainDataPoint;
}

/** How many recorded values are at most `bound` seconds (the histogram's buckets up to it). */
function atMost(histogram: PlainHistogram, bound: number): number {
  const upTo = histogram.boundaries.indexOf(bound);
  expect(upTo).toBeGreaterThanOrEqual(0);
  return histogram.counts.slice(0, upTo + 1).reduce((a, b) => a + b, 0);
}

describe('pipelines across Kafka and RabbitMQ under always_off sampling', () => {
  let runs: Awaited<ReturnType<typeof runChain>>[] = [];

  it('every consumer records end-to-end latency from the first produce, with its hop count', async () => {
    const run = await runChain();
    runs.push(run);
    const id1 = pathwayHash('', 'pw-origin', 'kafka', first);
    const id2 = pathwayHash(id1, 'pw-relay', 'rabbitmq', queue);
    const id3 = pathwayHash(id2, 'pw-bridge', 'kafka', second);

    // What each service produced, per edge.
    const produced = [run.origin, run.relay, run.bridge].map(
      (result) => only(result, 'msgtrace.pathway.produced').attributes,
    );
    expect(produced).toEqual([
      {
        'msgtrace.pathway.id': id1,
        'msgtrace.pathway.hops': 1,
        'messaging.system': 'kafka',
        'messaging.destination.name': first,
      },
      {
        'msgtrace.pathway.id': id2,
        'msgtrace.pathway.parent.id': id1,
        'msgtrace.pathway.hops': 2,
        'messaging.system': 'rabbitmq',
        'messaging.destination.name': queue,
      },
      {
        'msgtrace.pathway.id': id3,
        'msgtrace.pathway.parent.id': id2,
        'msgtrace.pathway.hops': 3,
        'messaging.system': 'kafka',
        'messaging.destination.name': second,
      },
    ]);
    for (const result of [run.origin, run.relay, run.bridge]) {
      expect(only(result, 'msgtrace.pathway.produced').value).toBe(COUNT);
    }

    // What each consumer received, on the same edges: nothing swallowed.
    const consumed = [run.relay, run.bridge, run.sink].map((result) =>
      only(result, 'msgtrace.pathway.consumed'),
    );
    expect(
      consumed.map((point) => [
        point.attributes['msgtrace.pathway.id'],
        point.attributes['msgtrace.pathway.hops'],
        point.value,
      ]),
    ).toEqual([
      [id1, 1, COUNT],
      [id2, 2, COUNT],
      [id3, 3, COUNT],
    ]);

    // Latency from the origin's produce: at least the delays the path induced before each hop.
    const latency = [run.relay, run.bridge, run.sink].map(
      (result) => only(result, 'msgtrace.pathway.latency').value as PlainHistogram,
    );
    expect(latency.map((histogram) => histogram.count)).toEqual([COUNT, COUNT, COUNT]);
    expect(atMost(latency[1] as PlainHistogram, DELAY_MS / 1000)).toBe(0);
    expect(atMost(latency[2] as PlainHistogram, (2 * DELAY_MS) / 1000)).toBe(0);
    expect(only(run.sink, 'msgtrace.pathway.latency').attributes).toEqual({
      'msgtrace.pathway.id': id3,
      'msgtrace.pathway.hops': 3,
      'messaging.system': 'kafka',
      'messaging.destination.name': second,
    });

    // The application saw the pathway header where it sees traceparent (headers are not stripped).
    expect(JSON.parse(run.sink.stdout).seen[0]).toEqual(['msgtrace-pw', 'traceparent']);
  });

  it('gives the same path the same pathway ids on another run, in other processes', async () => {
    const run = await runChain();
    const ids = (chain: typeof run) =>
      [chain.relay, chain.bridge, chain.sink].map(
        (result) => only(result, 'msgtrace.pathway.consumed').attributes['msgtrace.pathway.id'],
      );
    expect(runs).toHaveLength(1);
    expect(ids(run)).toEqual(ids(runs[0] as typeof run));
    runs = [];
  });
});
