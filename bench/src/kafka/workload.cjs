// One benchmark run: produce messages of 256 bytes (single-message sends, 32 in flight) and
// consume them with eachMessage, in this process, in rounds: while a round is produced the
// consumer waits in the handler of the previous round's last message, then it is let go and
// fetches the whole round. How many messages a fetch returns then never depends on how fast the
// consumer runs (interleaved, a slower instrumented or valgrind-run consumer fetched fewer, larger
// batches, and the instruction count drifted with it). WARMUP messages first, in rounds of the
// same size, so the JIT has settled on the same paths; CPU and wall time are then measured over
// COUNT messages, from the first send to the last one handled.
// BENCH_FLOOR=1 adds the hand-written floor instrumentation (../shared/floor.cjs); KAFKA_CLIENT
// picks the client (./clients.cjs): kafkajs, or the Confluent client's KafkaJS API.
const floor = require('../shared/floor.cjs');
const { measure, runWorkload } = require('../shared/measure.cjs');
const { connectKafka } = require('./clients.cjs');

const topic = process.env.TOPIC;
const count = Number(process.env.COUNT);
const warmup = Number(process.env.WARMUP ?? 2000);
const brokers = (process.env.MSGTRACE_KAFKA_BROKERS || '127.0.0.1:9092').split(',');
const value = Buffer.alloc(256, 'x');
const headers = { app: 'bench' };
// A round fits one fetch (kafkajs's default 1 MiB per partition) at the default COUNT.
const ROUND = Math.min(count, 5000);

async function main() {
  const group = `${topic}-group`;
  const { producer, consumer, joined } = await connectKafka({ brokers, topic, group });
  const joining = joined();
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
  await joining;

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

  await measure({
    run: rounds,
    warmup,
    count,
    afterWindow: () => releaseHeld(),
    close: () => Promise.all([producer.disconnect(), consumer.disconnect()]),
  });
}

runWorkload(main);
