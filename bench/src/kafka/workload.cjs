// One benchmark run: produce COUNT messages of 256 bytes (single-message sends, 32 in flight)
// and consume them with eachMessage, in this process. Prints CPU time and wall time of the whole
// produce + consume, measured from first send to last message handled.
const { Kafka, logLevel } = require('kafkajs');

const topic = process.env.TOPIC;
const count = Number(process.env.COUNT);
const brokers = (process.env.MSGTRACE_KAFKA_BROKERS || '127.0.0.1:9092').split(',');
const value = Buffer.alloc(256, 'x');
const headers = process.env.EXTRA_HEADER
  ? { app: 'bench', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }
  : { app: 'bench' };

async function main() {
  const kafka = new Kafka({ clientId: 'bench', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer();
  const consumer = kafka.consumer({ groupId: `${topic}-group` });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic, fromBeginning: true });
  const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
  let consumed = 0;
  let finish;
  const allConsumed = new Promise((resolve) => {
    finish = resolve;
  });
  await consumer.run({
    eachMessage: async () => {
      if (++consumed === count) finish();
    },
  });

  await joined;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  let next = 0;
  const sender = async () => {
    while (next < count) {
      next++;
      await producer.send({ topic, messages: [{ value, headers }] });
    }
  };
  await Promise.all(Array.from({ length: 32 }, sender));
  await allConsumed;
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
  console.log(JSON.stringify({ count, cpuMicros: used.user + used.system, wallMs }));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
