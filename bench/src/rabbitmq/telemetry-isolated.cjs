// msgtrace's own amqplib work in isolation, deterministic to the instruction, against the floor's
// (../shared/floor.cjs) on the same canned messages: per message amqplib's real (and, for
// msgtrace, patched) `Channel#sendToQueue`, then the delivery handed to the channel's consumer as
// amqplib hands it (`emit('delivery')`), whose handler acks it through the real `Channel#ack` —
// the rabbitmq workload's sendToQueue + consume + ack, with the connection replaced by a loopback
// that turns each published frame into the delivery the broker would send back. No broker, no
// socket, no codec. For profiling and before/after comparisons, not part of bench:instructions.
// From bench/, after a build and `node -e "require('tsx/cjs');
// require('./src/instructions/meter-build.ts').callgrindMeter()"` (msgtrace as below; the floor
// with BENCH_FLOOR=1 and without the register line; the SDK alone without either):
//   BENCH_METER=$PWD/dist/callgrind-meter.node BENCH_SAMPLER=always_off COUNT=2000 \
//   valgrind --tool=callgrind --instr-atstart=no node --single-threaded --expose-gc \
//     --predictable-gc-schedule --random-seed=1 --require ./src/shared/sdk-preload.cjs \
//     --require @msgtrace/instrumentation-amqplib/register src/rabbitmq/telemetry-isolated.cjs
// "Collected" / COUNT is per message (the harness's own message building included, alike). Without
// valgrind it runs as is (the meter does nothing without BENCH_METER).
const { dirname, join } = require('node:path');
const { floor, floorHandler, floorPublisher } = require('./floor-amqp.cjs');
const { isolatedWindow } = require('../shared/isolated-window.cjs');

const warmup = Number(process.env.WARMUP ?? 20_000);
const count = Number(process.env.COUNT ?? 2000);
const queue = 'isolated';
const body = Buffer.alloc(256, 'x');

// Loaded through the package's entry, so the register hook patches it as in an application; the
// file itself is then the cached (patched) module.
require('amqplib');
const msgtrace = globalThis[Symbol.for('msgtrace.@msgtrace/instrumentation-amqplib.telemetry')];
if (floor.enabled && msgtrace?.current) throw new Error('the floor runs without msgtrace loaded');
const { Channel } = require(join(dirname(require.resolve('amqplib')), 'lib/channel_model.js'));

let deliveryTag = 0;
let sentFrames = 0;
let delivered;
/**
 * What amqplib's decoder makes of a frame's properties: every field present, and the headers
 * table as a plain object (amqplib's publish hands the encoder an object whose prototype is the
 * caller's headers: the codec reads it with for-in).
 */
function decodedProperties(properties) {
  const headers = {};
  for (const key in properties.headers) headers[key] = properties.headers[key];
  return {
    contentType: properties.contentType,
    contentEncoding: properties.contentEncoding,
    headers,
    deliveryMode: properties.deliveryMode,
    priority: properties.priority,
    correlationId: properties.correlationId,
    replyTo: properties.replyTo,
    expiration: properties.expiration,
    messageId: properties.messageId,
    timestamp: properties.timestamp,
    type: properties.type,
    userId: properties.userId,
    appId: properties.appId,
    clusterId: undefined,
  };
}
const connection = {
  stream: { remoteAddress: '127.0.0.1', remotePort: 5672 },
  // A publish: the broker routes it to the queue and delivers it to our consumer.
  sendMessage(_channel, _method, fields, _propertiesType, properties, content) {
    delivered = {
      fields: {
        consumerTag: 'ctag-isolated',
        deliveryTag: ++deliveryTag,
        redelivered: false,
        exchange: fields.exchange,
        routingKey: fields.routingKey,
      },
      properties: decodedProperties(properties),
      content,
    };
    return true;
  },
  // An ack (or any other method frame): written and forgotten.
  sendMethod() {
    sentFrames++;
  },
};

const channel = new Channel(connection);
channel.ch = 1;
// basic.consume answered at once, as the broker would.
channel._rpc = (_method, _fields, _expect, callback) =>
  callback(null, { fields: { consumerTag: 'ctag-isolated' } });

let handled = 0;
const handle = (message) => {
  channel.ack(message);
  handled++;
};
// As the workload does it (bench/src/rabbitmq/workload.cjs).
channel.consume(queue, floorHandler(queue, handle));
const publish = floorPublisher(channel, queue, body);

function one() {
  publish();
  const message = delivered;
  delivered = undefined;
  channel.emit('delivery', message);
}

async function main() {
  await isolatedWindow(warmup, count, one);
  if (handled !== 2 * warmup + count || sentFrames !== handled) {
    throw new Error(`a handler or an ack did not run: ${handled} handled, ${sentFrames} acks`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
