// msgtrace's own Kinesis work in isolation, deterministic to the instruction: the telemetry's
// PutRecords preparation (five batches of 100 JSON records, the carrier spliced into each) and its
// handling of the GetRecords answer holding all 500 (strip, extract, the receive span's links),
// driven with canned inputs; no SDK, no network. For profiling and before/after comparisons of
// the carrier code, not part of bench:instructions. Run from bench/, after a build:
//   BENCH_METER=dist/callgrind-meter.node BENCH_SAMPLER=always_off WARMUP=60 COUNT=4 \
//   valgrind --tool=callgrind --instr-atstart=no node --single-threaded --expose-gc \
//     --random-seed=1 --require ./src/shared/sdk-preload.cjs \
//     --require @msgtrace/instrumentation-aws-kinesis/register src/kinesis/telemetry-isolated.cjs
// "I refs" / (COUNT × 500) is per record (the harness's own body building included).
const { meter } = require('../shared/meter.cjs');

const slot = globalThis[Symbol.for('msgtrace.@msgtrace/instrumentation-aws-kinesis.telemetry')];
const telemetry = slot?.current;
if (!telemetry) throw new Error('load @msgtrace/instrumentation-aws-kinesis/register first');
const warmup = Number(process.env.WARMUP ?? 60);
const rounds = Number(process.env.COUNT ?? 4);
const server = () => ({ address: 'localhost', port: 4567 });
const body = (i) => {
  const head = `{"id":${i},"event":"order","pad":"`;
  return Buffer.from(`${head}${'x'.repeat(256 - head.length - 2)}"}`);
};
let sequence = 0;

function round() {
  const received = [];
  for (let b = 0; b < 5; b++) {
    const Records = Array.from({ length: 100 }, (_, i) => ({
      Data: body(b * 100 + i),
      PartitionKey: `k${i}`,
    }));
    const put = telemetry.putRecords({ StreamName: 'isolated', Records }, server);
    const sent = put.args ? put.args[0].input.Records : Records;
    put.onSuccess({
      output: {
        FailedRecordCount: 0,
        Records: sent.map(() => ({ SequenceNumber: String(++sequence), ShardId: 'shardId-0' })),
      },
    });
    for (const record of sent) {
      received.push({
        SequenceNumber: String(sequence),
        ApproximateArrivalTimestamp: new Date(1.7e12),
        Data: new Uint8Array(record.Data),
        PartitionKey: record.PartitionKey,
      });
    }
  }
  const get = telemetry.getRecords({ ShardIterator: 'iterator' }, server);
  const answer = get.onSuccess({
    output: { Records: received, NextShardIterator: 'iterator', MillisBehindLatest: 0 },
    response: {},
  });
  if (answer.output.Records[0].Data.length !== 256) throw new Error('carrier not stripped');
}

for (let i = 0; i < warmup; i++) round();
global.gc?.();
meter.start();
for (let i = 0; i < rounds; i++) round();
meter.stop();
