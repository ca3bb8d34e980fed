// One benchmark run: the common Kinesis pipeline — PutRecords in batches of 100, GetRecords
// until every record is back — for JSON object records of 256 bytes (the kind that carries
// context), in one process against kinesalite. WARMUP records first, unmeasured; then CPU and
// wall time over COUNT records. BENCH_FLOOR=1 adds the hand-written floor instrumentation
// (../shared/floor.cjs): a send span per record whose context the record's JSON carries under
// `_ctx` (written as the record is built), a process span per record read back.
const {
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  PutRecordsCommand,
} = require('@aws-sdk/client-kinesis');
const { NodeHttpHandler } = require('@smithy/node-http-handler');
const floor = require('../shared/floor.cjs');
const { inChunks, measure, runWorkload } = require('../shared/measure.cjs');

const StreamName = process.env.STREAM;
const count = Number(process.env.COUNT);
const CHUNK = 5000;
const warmup = Number(process.env.WARMUP ?? 1000);
const ShardId = 'shardId-000000000000';
const record = (i) => {
  const head = `{"id":${i},"event":"order","pad":"`;
  return Buffer.from(`${head}${'x'.repeat(256 - head.length - 2)}"}`);
};
const sendAttributes = {
  'messaging.system': 'aws_kinesis',
  'messaging.operation.name': 'send',
  'messaging.operation.type': 'send',
  'messaging.destination.name': StreamName,
};
const processAttributes = {
  ...sendAttributes,
  'messaging.operation.name': 'process',
  'messaging.operation.type': 'process',
  'messaging.destination.partition.id': ShardId,
};
const CONTEXT_HEAD = '{"_ctx":';

/** The floor's record: its send span's context is the first member of the JSON it is built as. */
function tracedRecord(i, spans) {
  const { carrier, span } = floor.produce(`send ${StreamName}`, sendAttributes, {});
  spans.push(span);
  const head = `${CONTEXT_HEAD}${JSON.stringify(carrier)},"id":${i},"event":"order","pad":"`;
  return Buffer.from(`${head}${'x'.repeat(256 - head.length - 2)}"}`);
}

/** The floor's reader: the context member is parsed when present, the rest of the record not. */
function recordCarrier(data) {
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString();
  if (!text.startsWith(CONTEXT_HEAD)) return {};
  const end = text.indexOf('}', CONTEXT_HEAD.length);
  try {
    return JSON.parse(text.slice(CONTEXT_HEAD.length, end + 1));
  } catch {
    return {};
  }
}
const kinesis = new KinesisClient({
  endpoint: process.env.MSGTRACE_KINESIS_ENDPOINT || 'http://127.0.0.1:4567',
  region: process.env.MSGTRACE_AWS_REGION || 'us-east-1',
  credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  requestHandler: new NodeHttpHandler(),
});

async function run(n) {
  let first;
  for (let sent = 0; sent < n; sent += 100) {
    const spans = [];
    const Records = Array.from({ length: Math.min(100, n - sent) }, (_, i) => ({
      Data: floor.enabled ? tracedRecord(sent + i, spans) : record(sent + i),
      PartitionKey: `k${i}`,
    }));
    try {
      const put = await kinesis.send(new PutRecordsCommand({ StreamName, Records }));
      first ??= put.Records[0].SequenceNumber;
    } finally {
      for (const span of spans) span.end();
    }
  }
  // The iterator is taken once the chunk is in (kinesalite lets one live 5 minutes, and putting
  // a chunk under valgrind can take longer), at the chunk's first record.
  const { ShardIterator } = await kinesis.send(
    new GetShardIteratorCommand({
      StreamName,
      ShardId,
      ShardIteratorType: 'AT_SEQUENCE_NUMBER',
      StartingSequenceNumber: first,
    }),
  );
  let iterator = ShardIterator;
  let received = 0;
  while (received < n) {
    const { Records = [], NextShardIterator } = await kinesis.send(
      new GetRecordsCommand({ ShardIterator: iterator, Limit: 500 }),
    );
    received += Records.length;
    if (floor.enabled) {
      for (const { Data } of Records) {
        floor.consume(
          `process ${StreamName}`,
          processAttributes,
          recordCarrier(Data),
          () => undefined,
        );
      }
    }
    iterator = NextShardIterator;
  }
}

async function main() {
  await kinesis.send(new CreateStreamCommand({ StreamName, ShardCount: 1 }));
  for (;;) {
    const { StreamDescriptionSummary } = await kinesis.send(
      new DescribeStreamSummaryCommand({ StreamName }),
    );
    if (StreamDescriptionSummary.StreamStatus === 'ACTIVE') break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await measure({
    // In chunks, so that a long soak run reads back a chunk at a time.
    run: inChunks(run, CHUNK),
    warmup,
    count,
    close: () => kinesis.send(new DeleteStreamCommand({ StreamName })),
  });
}

runWorkload(main);
