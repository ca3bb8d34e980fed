// msgtrace's own SQS work in isolation, deterministic to the instruction: the package's client
// middleware (the function the SDK calls at its initialize step) driven with canned commands and
// answers, no SDK, no network. One round is the benchmark's workload for ten messages: a
// SendMessageBatch of 10 entries of 256 B with one application attribute, the ReceiveMessage
// answer holding those 10 messages as SQS would return them for the widened request (only the
// attributes it names), and the DeleteMessageBatch of their receipt handles. For profiling and
// before/after comparisons, not part of bench:instructions. Run from bench/, after a build:
//   BENCH_METER=$PWD/dist/callgrind-meter.node BENCH_SAMPLER=always_off MSGTRACE_PIPELINES=false \
//   WARMUP=3000 COUNT=3000 nice -n 10 valgrind --tool=callgrind --instr-atstart=no \
//     node --single-threaded --predictable-gc-schedule --expose-gc --random-seed=20261130 \
//     --require ./src/shared/sdk-preload.cjs \
//     --require @msgtrace/instrumentation-aws-sqs/register src/sqs/telemetry-isolated.cjs
// "I refs" / (COUNT × 10) is per message (the harness's own answer building included, alike in
// every run: BASELINE=1 runs the same rounds without the middleware, 4.0 k per message). COUNT
// counts rounds of 10 messages; 3 000 of them (about 45 s under callgrind) hold several major
// collections, so the collector's share is a rate rather than whether one fell inside (300
// rounds moved by 30 k per message with it). Add `--perf-basic-prof` and read the output with
// callgrind_annotate, JIT code named from /tmp/perf-<pid>.map, for per-function costs.
const { dirname, join } = require('node:path');
const { settledHeap } = require('../shared/heap.cjs');
const { meter } = require('../shared/meter.cjs');

const packageEntry = require.resolve('@msgtrace/instrumentation-aws-sqs');
const { sqsMiddleware } = require(join(dirname(packageEntry), 'patches', 'middleware.js'));

const slot = globalThis[Symbol.for('msgtrace.@msgtrace/instrumentation-aws-sqs.telemetry')];
const telemetry = slot?.current;
if (!telemetry) throw new Error('load @msgtrace/instrumentation-aws-sqs/register first');
const baseline = process.env.BASELINE === '1';
const warmup = Number(process.env.WARMUP ?? 3000);
const rounds = Number(process.env.COUNT ?? 3000);
const QueueUrl = 'http://127.0.0.1:9324/000000000000/isolated';
const body = 'x'.repeat(256);
const metadata = { httpStatusCode: 200, requestId: 'request', attempts: 1, totalRetryDelay: 0 };

// What the SDK's next handler answers for the input the middleware passed on.
let answer;
const next = async (args) => ({ output: answer(args.input), response: {} });
const handler = (commandName) =>
  baseline ? next : sqsMiddleware(telemetry, () => true)(next, { commandName });
const send = handler('SendMessageBatchCommand');
const receive = handler('ReceiveMessageCommand');
const remove = handler('DeleteMessageBatchCommand');

let sequence = 0;
let queued = [];

/** The message SQS returns for a sent entry, given the names a ReceiveMessage asked for. */
function received(entry, names) {
  const id = String(++sequence);
  const message = { MessageId: id, ReceiptHandle: `handle-${id}`, MD5OfBody: 'md5', Body: body };
  const all = names.includes('All') || names.includes('.*');
  const attributes = {};
  let any = false;
  for (const name of Object.keys(entry.MessageAttributes ?? {})) {
    if (all || names.includes(name)) {
      // A fresh literal, as the SDK's deserializer builds it (a spread copy with properties added
      // would cost V8 a new hidden class per message on Node 20, and that would be the harness's).
      const sent = entry.MessageAttributes[name];
      attributes[name] = {
        BinaryListValues: [],
        DataType: sent.DataType,
        StringListValues: [],
        StringValue: sent.StringValue,
      };
      any = true;
    }
  }
  if (any) {
    message.MessageAttributes = attributes;
    message.MD5OfMessageAttributes = 'md5-of-attributes';
  }
  return message;
}

async function round() {
  const Entries = [];
  for (let i = 0; i < 10; i++) {
    Entries.push({
      Id: String(i),
      MessageBody: body,
      MessageAttributes: { app: { DataType: 'String', StringValue: 'bench' } },
    });
  }
  answer = (input) => {
    queued = input.Entries;
    return {
      Successful: input.Entries.map((e) => ({
        Id: e.Id,
        MessageId: `m${e.Id}`,
        MD5OfMessageBody: 'md5',
      })),
      Failed: [],
      $metadata: metadata,
    };
  };
  await send({ input: { QueueUrl, Entries } });
  answer = (input) => {
    const names = input.MessageAttributeNames ?? [];
    return { Messages: queued.map((entry) => received(entry, names)), $metadata: metadata };
  };
  const { output } = await receive({
    input: {
      QueueUrl,
      MaxNumberOfMessages: 10,
      MessageAttributeNames: ['app'],
      WaitTimeSeconds: 1,
    },
  });
  const Messages = output.Messages;
  if (Messages.length !== 10 || Object.keys(Messages[0].MessageAttributes).length !== 1) {
    throw new Error('the application saw attributes it did not ask for');
  }
  answer = (input) => ({
    Successful: input.Entries.map((e) => ({ Id: e.Id })),
    Failed: [],
    $metadata: metadata,
  });
  await remove({
    input: {
      QueueUrl,
      Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
    },
  });
}

async function main() {
  for (let i = 0; i < warmup; i++) await round();
  // As the workloads do (../shared/measure.cjs): spans flushed, two full collections, then the
  // warm-up again, so the window does not count V8 recompiling what the collections deoptimised.
  await settledHeap();
  for (let i = 0; i < warmup; i++) await round();
  meter.start();
  for (let i = 0; i < rounds; i++) await round();
  meter.stop();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
