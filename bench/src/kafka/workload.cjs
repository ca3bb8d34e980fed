// One benchmark run: produce messages of 256 bytes (single-message sends, 32 in flight) and
// consume them with eachMessage, in this process, in rounds: while a round is produced the
// consumer waits in the handler of the previous round's last message, then it is let go and
// fetches the whole round. How many messages a fetch returns then never depends on how fast the
// consumer runs (interleaved, a slower instrumented or valgrind-run consumer fetched fewer, larger
// batches, and the instruction count drifted with it). WARMUP messages first, in rounds of the
// same size, so the JIT has settled on the same paths; CPU and wall time are then measured over
// COUNT messages, from the first send to the last one handled.
// BENCH_FLOOR=1 adds the hand-written floor instrumentation (../shared/floor.cjs).
const { Kafka, logLevel } = require('kafkajs');
const floor = require('../shared/floor.cjs');
const { settledHeap } = require('../shared/heap.cjs');
const { rewarm } = require('../shared/rewarm.cjs');
const { meter } = require('../shared/meter.cjs');

const topic = process.env.TOPIC;
const count = Number(process.env.COUNT);
const warmup = Number(process.env.WARMUP ?? 2000);
const brokers = (process.env.MSGTRACE_KAFKA_BROKERS || '127.0.0.1:9092').split(',');
const value = Buffer.alloc(256, 'x');
const headers = { app: 'bench' };
// A round fits one fetch (kafkajs's default 1 MiB per partition) at the default COUNT.
const ROUND = Math.min(count, 5000);
// Nothing on the clock may fall inside the measured window: under valgrind a run is tens of times
// slower, and a metadata refresh or heartbeat per so many seconds would be counted as cost.
const HOUR = 3_600_000;

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

  const producer = kafka.producer({ metadataMaxAge: HOUR });
  const group = `${topic}-group`;
  const consumer = kafka.consumer({
    groupId: group,
    sessionTimeout: 1_200_000,
    rebalanceTimeout: 1_200_000,
    heartbeatInterval: 1_000_000,
    metadataMaxAge: HOUR,
  });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic, fromBeginning: true });
  const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
  let consumed = 0;
  let target = 0;
  let reached = () => undefined;
  // What the last message of the current round waits on before its handler returns.
  let hold;
  let releaseHeld;
  const handle = async () => {
    if (++consumed === target) {
      const held = hold;
      reached();
      if (held) await held;
    }
  };
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

  // One round: n messages produced while the consumer is held, then all of them consumed; the
  // round's last message is held in turn until the next round has been produced.
  const round = async (n) => {
    const release = releaseHeld;
    hold = new Promise((resolve) => {
      releaseHeld = resolve;
    });
    target = consumed + n;
    const done = new Promise((resolve) => {
      reached = resolve;
    });
    await produce(n);
    release?.();
    await done;
  };
  const rounds = async (n) => {
    for (let done = 0; done < n; done += ROUND) await round(Math.min(ROUND, n - done));
  };

  await rounds(warmup);
  const heapAfterWarmup = await settledHeap();
  if (rewarm > 0) await rounds(rewarm);
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  meter.start();
  await rounds(count);
  meter.stop();
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  releaseHeld();
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
