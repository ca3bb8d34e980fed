import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OVERFLOW_PATHWAY_ID, pathwayHash } from '@msgtrace/core';
import { uniqueName } from '@msgtrace/test-utils';
import { kafkaClient } from '../../src/clients';
import { createTopic } from '../../src/kafka';
import { expectClean, plainQueue, points, hop as runHop } from '../../src/pipelines';

/** Pathways past the cardinality cap, and messages whose pathway data is garbage, on real brokers. */
const COUNT = 3;

let queue: string;
let dropQueue: () => Promise<void>;
beforeAll(async () => {
  queue = uniqueName('pw-garbage-q');
  dropQueue = (await plainQueue(queue)).drop;
});
afterAll(() => dropQueue());

const hop = (service: string, env: NodeJS.ProcessEnv, instrumented = true) =>
  runHop(service, { COUNT: String(COUNT), ...env }, instrumented);

describe('pipelines on real brokers', () => {
  it('folds pathways past MSGTRACE_PIPELINES_MAX_PATHWAYS into one id, messages untouched', async () => {
    const topic = await createTopic(kafkaClient('pipelines-cap'), 'pw-cap');
    const [a, b, sink] = await Promise.all([
      hop('pw-cap-a', { OUT: `kafka:${topic}` }),
      hop('pw-cap-b', { OUT: `kafka:${topic}` }),
      hop('pw-cap-sink', {
        IN: `kafka:${topic}`,
        GROUP: `${topic}-sink`,
        COUNT: String(2 * COUNT),
        MSGTRACE_PIPELINES_MAX_PATHWAYS: '1',
      }),
    ]);
    expectClean(a, b, sink);
    expect(JSON.parse(sink.stdout).seen).toHaveLength(2 * COUNT);
    const real = [
      pathwayHash('', 'pw-cap-a', 'kafka', topic),
      pathwayHash('', 'pw-cap-b', 'kafka', topic),
    ];
    const consumed = points(sink, 'msgtrace.pathway.consumed');
    const ids = consumed.map((point) => point.attributes['msgtrace.pathway.id']);
    expect(ids).toHaveLength(2);
    expect(ids).toContain(OVERFLOW_PATHWAY_ID);
    expect(real).toContain(ids.find((id) => id !== OVERFLOW_PATHWAY_ID));
    expect(consumed.map((point) => point.value)).toEqual([COUNT, COUNT]);
    // The folded point carries no hop count: it may mix pathways of any length.
    const folded = consumed.find(
      (p) => p.attributes['msgtrace.pathway.id'] === OVERFLOW_PATHWAY_ID,
    );
    expect(folded?.attributes['msgtrace.pathway.hops']).toBeUndefined();
  });

  it('treats garbage pathway data as no pathway: messages flow, what they cause starts a new one', async () => {
    const topic = await createTopic(kafkaClient('pipelines-garbage'), 'pw-garbage');
    const garbage = { 'msgtrace-pw': '0123456789abcdef.1.ZZ\u0000', traceparent: 'nonsense' };
    const [origin, relay, sink] = await Promise.all([
      // An uninstrumented producer, so the garbage reaches the consumer as written.
      hop('pw-g-origin', { OUT: `kafka:${topic}`, ORIGIN_HEADERS: JSON.stringify(garbage) }, false),
      hop('pw-g-relay', { IN: `kafka:${topic}`, OUT: `amqp:${queue}`, GROUP: `${topic}-relay` }),
      hop('pw-g-sink', { IN: `amqp:${queue}` }),
    ]);
    expectClean(origin, relay, sink);
    expect(JSON.parse(relay.stdout).seen).toEqual(
      Array(COUNT).fill(['msgtrace-pw', 'traceparent']),
    );
    expect(points(relay, 'msgtrace.pathway.consumed')).toEqual([]);
    expect(points(relay, 'msgtrace.pathway.latency')).toEqual([]);
    const fresh = pathwayHash('', 'pw-g-relay', 'rabbitmq', queue);
    expect(
      points(sink, 'msgtrace.pathway.consumed').map((p) => [
        p.attributes['msgtrace.pathway.id'],
        p.attributes['msgtrace.pathway.hops'],
        p.value,
      ]),
    ).toEqual([[fresh, 1, COUNT]]);
  });
});
