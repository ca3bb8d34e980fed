// One benchmark run, the workload DESIGN.md measures the anchor on: publish and consume (with
// ack) messages of 256 bytes in one process. WARMUP messages first, unmeasured; then CPU and
// wall time over COUNT messages, from the first publish to the last ack.
const amqp = require('amqplib');

const queue = process.env.QUEUE;
const count = Number(process.env.COUNT);
const warmup = Number(process.env.WARMUP ?? 2000);
const url = process.env.MSGTRACE_AMQP_URL || 'amqp://guest:guest@127.0.0.1:5672';
const body = Buffer.alloc(256, 'x');

async function main() {
  const connection = await amqp.connect(url);
  const publisher = await connection.createChannel();
  const consumer = await connection.createChannel();
  await consumer.prefetch(500);
  await publisher.assertQueue(queue, { durable: false, autoDelete: true });
  let consumed = 0;
  let target = 0;
  let reached = () => undefined;
  await consumer.consume(queue, (message) => {
    consumer.ack(message);
    if (++consumed === target) reached();
  });
  const run = async (n) => {
    target = consumed + n;
    const done = new Promise((resolve) => {
      reached = resolve;
    });
    for (let i = 0; i < n; i++) {
      if (!publisher.sendToQueue(queue, body, { headers: { app: 'bench' } })) {
        await new Promise((resolve) => publisher.once('drain', resolve));
      }
    }
    await done;
  };
  await run(warmup);
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await run(count);
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  await connection.close();
  console.log(JSON.stringify({ count, cpuMicros: used.user + used.system, wallMs }));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
