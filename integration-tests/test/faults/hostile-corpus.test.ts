import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStreamCommand, DeleteStreamCommand } from '@aws-sdk/client-kinesis';
import { CreateQueueCommand, DeleteQueueCommand } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from '@jest/globals';
import { type PlainSpan, uniqueName, withoutLibraryWarnings } from '@msgtrace/test-utils';
import { kafkaClient, kinesisClient, sqsClient } from '../../src/clients';
import { compareRuns, type Mode, resultOf, type WorkloadRun } from '../../src/faults/compare';
import { amqpCorpus, kafkaCorpus, kinesisCorpus, sqsCorpus } from '../../src/faults/corpus';
import { endpoints, oneProcess, startWorkload } from '../../src/faults/scenario';
import { recordTally } from '../../src/faults/summary';

const COUNT = 60;
const dir = mkdtempSync(join(tmpdir(), 'msgtrace-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const brokerEnv = {
  KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
  AMQP_URL: endpoints.amqpUrl,
  SQS_ENDPOINT: endpoints.sqsEndpoint,
  KINESIS_ENDPOINT: endpoints.kinesisEndpoint,
};

/** Makes the destination (the fixtures only write and read it) and gives its name. */
async function destination(broker: string, mode: Mode): Promise<string> {
  const name = uniqueName(`faults-corpus-${mode}`);
  if (broker === 'kafka') {
    const admin = kafkaClient('corpus-admin').admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: name, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
  } else if (broker === 'sqs') {
    const client = sqsClient();
    await client.send(new CreateQueueCommand({ QueueName: name }));
    client.destroy();
  } else if (broker === 'kinesis') {
    const client = kinesisClient();
    await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
    client.destroy();
  }
  return name;
}

async function cleanUp(broker: string, name: string): Promise<void> {
  if (broker === 'sqs') {
    const client = sqsClient();
    const url = `${endpoints.sqsEndpoint}/000000000000/${name}`;
    await client.send(new DeleteQueueCommand({ QueueUrl: url })).catch(() => {});
    client.destroy();
  } else if (broker === 'kinesis') {
    const client = kinesisClient();
    await client.send(new DeleteStreamCommand({ StreamName: name })).catch(() => {});
    client.destroy();
  }
}

/** A bare producer writes the corpus; the consumer (bare or instrumented) reads it back. */
async function throughBroker(broker: string, file: string, mode: Mode): Promise<WorkloadRun> {
  const name = await destination(broker, mode);
  try {
    const env = { ...brokerEnv, BROKER: broker, CORPUS_FILE: file, DESTINATION: name };
    const produced = await startWorkload('corpus', 'bare', { ...env, ROLE: 'produce' }).done;
    expect({ code: produced.code, stderr: withoutLibraryWarnings(produced.stderr) }).toEqual({
      code: 0,
      stderr: '',
    });
    return oneProcess(
      await startWorkload('corpus', mode, { ...env, ROLE: 'consume' }, 90_000).done,
    );
  } finally {
    await cleanUp(broker, name);
  }
}

/** Every text in the corpus, Buffers (`{ $b64 }`) decoded. */
function textsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(textsIn);
  if (value && typeof value === 'object') {
    const b64 = (value as { $b64?: unknown }).$b64;
    if (typeof b64 === 'string') return [Buffer.from(b64, 'base64').toString('latin1')];
    return Object.values(value).flatMap(textsIn);
  }
  return [];
}

/**
 * Every (trace id, span id) pair written anywhere in the corpus, in lower case: W3C
 * `…-trace-span-…`, and X-Ray's `Root=1-aaaaaaaa-bbbb…;Parent=span` as the X-Ray propagator reads it.
 */
function contextsIn(corpus: unknown): Set<string> {
  const text = textsIn(corpus).join('\n').toLowerCase();
  const w3c = [...text.matchAll(/([0-9a-f]{32})-([0-9a-f]{16})/g)].map((m) => `${m[1]}-${m[2]}`);
  const xray = [...text.matchAll(/root=1-([0-9a-f]{8})-([0-9a-f]{24});parent=([0-9a-f]{16})/g)].map(
    (m) => `${m[1]}${m[2]}-${m[3]}`,
  );
  return new Set([...w3c, ...xray]);
}

/**
 * A context msgtrace extracted must be one a carrier really held, and never all zeros; the
 * corpus's valid contexts were extracted (so this check saw some).
 */
function contextsAbsentOrValid(spans: PlainSpan[], written: Set<string>): void {
  const extracted = spans.flatMap((span) => [
    ...(span.parentSpanId ? [`${span.traceId}-${span.parentSpanId}`] : []),
    ...span.links.map((link) => `${link.context.traceId}-${link.context.spanId}`),
  ]);
  for (const context of extracted) {
    expect([context, written.has(context) && !/^0+-|-0+$/.test(context)]).toEqual([context, true]);
  }
  expect(extracted.length).toBeGreaterThan(0);
}

const HEADER_CORPORA = {
  kafka: () => kafkaCorpus(18_001, COUNT),
  rabbitmq: () => amqpCorpus(18_002, COUNT),
  sqs: () => sqsCorpus(18_003, COUNT),
};

describe('a generated hostile corpus through each real broker', () => {
  it.each(Object.keys(HEADER_CORPORA))(
    '%s: 60 carriers delivered as a bare consumer gets them, contexts absent or valid',
    async (broker) => {
      const corpus = HEADER_CORPORA[broker as keyof typeof HEADER_CORPORA]();
      const file = join(dir, `${broker}.json`);
      writeFileSync(file, JSON.stringify(corpus));
      const bare = await throughBroker(broker, file, 'bare');
      const instrumented = await throughBroker(broker, file, 'instrumented');
      compareRuns(`${broker}: hostile carriers (${COUNT} generated)`, bare, instrumented);
      expect(bare.messages).toHaveLength(COUNT);
      contextsAbsentOrValid(instrumented.finished[0]?.spans ?? [], contextsIn(corpus));
    },
  );

  it('kinesis: 60 bodies with our key duplicated, escaped, nested, mistyped, at the limit', async () => {
    const corpus = kinesisCorpus(18_004, COUNT);
    const file = join(dir, 'kinesis.json');
    writeFileSync(file, JSON.stringify(corpus.map((c) => ({ data: c.data }))));
    const run = await throughBroker('kinesis', file, 'instrumented');
    const [consumer] = run.finished;
    if (!consumer) throw new Error('no consumer run');
    const delivered = resultOf(consumer).messages;
    // Each record is handed over as written, or with our leading member stripped: nothing else.
    const digest = (value: unknown) =>
      require('./fixtures/common.cjs').digest(
        Buffer.from((value as { $b64: string }).$b64, 'base64'),
      ) as string;
    const altered = corpus.filter((c, i) => !c.allowed.map(digest).includes(delivered[i] ?? ''));
    const unended = consumer.spanCounts
      ? consumer.spanCounts.started - consumer.spanCounts.ended
      : 1;
    recordTally({
      scenario: `kinesis: hostile bodies (${COUNT} generated)`,
      messages: COUNT,
      lost: Math.max(0, COUNT - delivered.length),
      altered: altered.length,
      hostExceptions: consumer.hostExceptions.length,
      unendedSpans: unended,
      lingered: 0,
    });
    expect({
      code: consumer.code,
      stderr: withoutLibraryWarnings(consumer.stderr),
      delivered: delivered.length,
      altered: altered.length,
      hostExceptions: consumer.hostExceptions,
      unended,
    }).toEqual({
      code: 0,
      stderr: '',
      delivered: COUNT,
      altered: 0,
      hostExceptions: [],
      unended: 0,
    });
    contextsAbsentOrValid(consumer.spans, contextsIn(corpus));
  });
});
