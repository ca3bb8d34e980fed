// One benchmark run: the common SQS pipeline — send in batches of 10, receive up to 10 at a time,
// delete what was received in batches — for messages of 256 bytes, in one process against
// ElasticMQ. WARMUP messages first, unmeasured; then CPU and wall time over COUNT messages.
// BENCH_FLOOR=1 adds the hand-written floor instrumentation (../shared/floor.cjs): a send span
// per entry whose context goes into its message attributes, a process span per received message.
const {
  SQSClient,
  CreateQueueCommand,
  DeleteQueueCommand,
  SendMessageBatchCommand,
  ReceiveMessageCommand,
  DeleteMessageBatchCommand,
} = require('@aws-sdk/client-sqs');
const floor = require('../shared/floor.cjs');
const { inChunks, measure, runWorkload } = require('../shared/measure.cjs');

const count = Number(process.env.COUNT);
const CHUNK = 5000;
const warmup = Number(process.env.WARMUP ?? 1000);
const body = 'x'.repeat(256);
const sqs = new SQSClient({
  endpoint: process.env.MSGTRACE_SQS_ENDPOINT || 'http://127.0.0.1:9324',
  region: process.env.MSGTRACE_AWS_REGION || 'us-east-1',
  credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
});

const queueName = process.env.QUEUE;
const sendAttributes = {
  'messaging.system': 'aws_sqs',
  'messaging.operation.name': 'send',
  'messaging.operation.type': 'send',
  'messaging.destination.name': queueName,
};
const processAttributes = {
  ...sendAttributes,
  'messaging.operation.name': 'process',
  'messaging.operation.type': 'process',
};

/** The floor's producer side of one entry: its span, its context as message attributes. */
function tracedEntry(entry, spans) {
  const { carrier, span } = floor.produce(`send ${queueName}`, sendAttributes, {});
  spans.push(span);
  const attributes = { ...entry.MessageAttributes };
  for (const key of Object.keys(carrier)) {
    attributes[key] = { DataType: 'String', StringValue: carrier[key] };
  }
  return { ...entry, MessageAttributes: attributes };
}

function attributeCarrier(message) {
  const carrier = {};
  const attributes = message.MessageAttributes ?? {};
  for (const key of Object.keys(attributes)) carrier[key] = attributes[key].StringValue;
  return carrier;
}

async function run(QueueUrl, n) {
  for (let sent = 0; sent < n; sent += 10) {
    const Entries = Array.from({ length: Math.min(10, n - sent) }, (_, i) => ({
      Id: String(i),
      MessageBody: body,
      MessageAttributes: { app: { DataType: 'String', StringValue: 'bench' } },
    }));
    if (floor.enabled) {
      const spans = [];
      const traced = Entries.map((entry) => tracedEntry(entry, spans));
      try {
        await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: traced }));
      } finally {
        for (const span of spans) span.end();
      }
    } else {
      await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries }));
    }
  }
  let received = 0;
  while (received < n) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl,
        MaxNumberOfMessages: 10,
        MessageAttributeNames: floor.enabled ? ['app', 'traceparent', 'tracestate'] : ['app'],
        WaitTimeSeconds: 1,
      }),
    );
    if (Messages.length === 0) continue;
    received += Messages.length;
    if (floor.enabled) {
      for (const message of Messages) {
        floor.consume(
          `process ${queueName}`,
          processAttributes,
          attributeCarrier(message),
          () => undefined,
        );
      }
    }
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl,
        Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
      }),
    );
  }
}

async function main() {
  // Messages stay invisible until deleted (12 h): a slow (valgrind-run, starved) receiver must
  // never see a message again because its 30 s default ran out before the delete.
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({
      QueueName: process.env.QUEUE,
      Attributes: { VisibilityTimeout: '43200' },
    }),
  );
  await measure({
    // In chunks, so that a long soak run never leaves more than a chunk waiting in the queue.
    run: inChunks((n) => run(QueueUrl, n), CHUNK),
    warmup,
    count,
    close: () => sqs.send(new DeleteQueueCommand({ QueueUrl })),
  });
}

runWorkload(main);
