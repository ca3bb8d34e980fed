// One benchmark run: produce messages of 256 bytes (single-message sends, 32 in flight) and
// consume them with eachMessage, in this process. A first round of WARMUP messages lets the JIT
// settle (a cold process would charge compilation to whichever variant loads more code); CPU
// and wall time are then measured over COUNT messages, from first send to last one handled.
// BENCH_FLOOR=1 adds the hand-written floor instrumentation (../shared/floor.cjs).
const { Kafka, logLevel } = require('kafkajs');
const floor = require('../shared/floor.cjs');
const { settledHeap } = require('../shared/heap.cjs');
const { meter } = require('../shared/meter.cjs');

const topic = process.env.TOPIC;
const count = Number(process.env.COUNT);
const warmup = Number(process.env.WARMUP ?? 2000);
const brokers = (process.env.MSGTRACE_KAFKA_BROKERS || '127.0.0.1:9092').split(',');
const value = Buffer.alloc(256, 'x');
const headers = { app: 'bench' };

async function main() {
  // Generous timeouts: under valgrind a process runs tens of times slower, and a missed heartbeat
  // (a rebalance, messages fetched again) or a timed-out request (a retry) inside the measured
  // window would be counted as if the instrumentation had cost it.
  const kafka = new Kafka({
    clientId: 'bench',
    brokers,
    logLevel: logLevel.NOTHING,
    requestTimeout: 300_000,
    connectionTimeout: 60_000,
  });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();

  const producer = kafka.producer();
  const consumer = kafka.consumer({
    groupId: `${topic}-group`,
    sessionTimeout: 600_000,
    rebalanceTimeout: 600_000,
    heartbeatInterval: 10_000,
  });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic, fromBeginning: true });
  const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
  let consumed = 0;
  let target = warmup;
  let reached;
  const waitFor = (n) => {
    target = n;
    return new Promise((resolve) => {
      reached = resolve;
      if (consumed >= target) resolve();
    });
  };
  const handle = async () => {
    if (++consumed === target) reached?.();
  };
  const group = `${topic}-group`;
  await consumer.run({
    eachMessage: floor.enabled
      ? ({ partition, message }) =>
          floor.consumeAsync(
            `process ${topic}`,
            {
              'messaging.system': 'kafka',
              'messaging.operation.name': 'process',
              'messaging.operation.type': 'process',
              'messaging.destination.name': topic,
              'messaging.destination.partition.id': String(partition),
              'messaging.consumer.group.name': group,
              'messaging.kafka.offset': Number(message.offset),
            },
            message.headers,
            handle,
          )
      : handle,
  });
  await joined;

  const sendAttributes = {
    'messaging.system': 'kafka',
    'messaging.operation.name': 'send',
    'messaging.operation.type': 'send',
    'messaging.destination.name': topic,
  };
  const send = floor.enabled
    ? async () => {
        const { carrier, span } = floor.produce(`send ${topic}`, sendAttributes, headers);
        try {
          await producer.send({ topic, messages: [{ value, headers: carrier }] });
        } finally {
          span.end();
        }
      }
    : () => producer.send({ topic, messages: [{ value, headers }] });
  const produce = async (n) => {
    let sent = 0;
    const sender = async () => {
      while (sent < n) {
        sent++;
        await send();
      }
    };
    await Promise.all(Array.from({ length: 32 }, sender));
  };

  const warm = waitFor(warmup);
  await produce(warmup);
  await warm;

  const done = waitFor(warmup + count);
  const heapAfterWarmup = await settledHeap();
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  meter.start();
  await produce(count);
  await done;
  meter.stop();
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  const heapAtEnd = await settledHeap();
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
  console.log(
    JSON.stringify({
      count,
      cpuMicros: used.user + used.system,
      wallMs,
      heapAfterWarmup,
      heapAtEnd,
    }),
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
