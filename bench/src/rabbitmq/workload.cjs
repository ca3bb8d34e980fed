// One benchmark run, the workload DESIGN.md measures the anchor on: publish and consume (with
// ack) messages of 256 bytes in one process. WARMUP messages first, unmeasured; then CPU and
// wall time over COUNT messages, from the first publish to the last ack. BENCH_FLOOR=1 adds the
// hand-written floor instrumentation (../shared/floor.cjs).
const amqp = require('amqplib');
const { floorHandler, floorPublisher } = require('./floor-amqp.cjs');
const { measure, runWorkload } = require('../shared/measure.cjs');

const queue = process.env.QUEUE;
const count = Number(process.env.COUNT);
const warmup = Number(process.env.WARMUP ?? 2000);
const url = process.env.MSGTRACE_AMQP_URL || 'amqp://guest:guest@127.0.0.1:5672';
const body = Buffer.alloc(256, 'x');

async function main() {
  // No heartbeats: a starved valgrind-run process misses them and the broker drops the connection.
  const connection = await amqp.connect(`${url}${url.includes('?') ? '&' : '?'}heartbeat=0`);
  const publisher = await connection.createChannel();
  const consumer = await connection.createChannel();
  await consumer.prefetch(500);
  await publisher.assertQueue(queue, { durable: false, autoDelete: true });
  let consumed = 0;
  let target = 0;
  let reached = () => undefined;
  const handle = (message) => {
    consumer.ack(message);
    if (++consumed === target) reached();
  };
  await consumer.consume(queue, floorHandler(queue, handle));
  const publish = floorPublisher(publisher, queue, body);
  const run = async (n) => {
    target = consumed + n;
    const done = new Promise((resolve) => {
      reached = resolve;
    });
    for (let i = 0; i < n; i++) {
      if (!publish()) {
        await new Promise((resolve) => publisher.once('drain', resolve));
      }
    }
    await done;
  };
  await measure({ run, warmup, count, close: () => connection.close() });
}

runWorkload(main);
