// msgtrace's own Kafka work in isolation, deterministic to the instruction, against the floor's
// (../shared/floor.cjs) on the same canned messages: per message a one-message `send` prepared
// (span, carrier, the caller's record copied) and the consumed message processed (extract, the
// `process` span, the handler run in its context, ended). No client, no broker, no network. For
// profiling and before/after comparisons, not part of bench:instructions. From bench/, after a
// build (BENCH_FLOOR=1 for the floor; msgtrace otherwise):
//   BENCH_METER=$PWD/dist/callgrind-meter.node BENCH_SAMPLER=always_off COUNT=2000 \
//   valgrind --tool=callgrind --instr-atstart=no node --single-threaded --expose-gc \
//     --predictable-gc-schedule --random-seed=1 --require ./src/shared/sdk-preload.cjs \
//     --require @msgtrace/instrumentation-kafkajs/register src/kafka/telemetry-isolated.cjs
// "I refs" / COUNT is per message (the harness's own message building included, alike).
const { dirname } = require('node:path');
const floor = require('../shared/floor.cjs');
const { isolatedWindow } = require('../shared/isolated-window.cjs');

const warmup = Number(process.env.WARMUP ?? 20_000);
const count = Number(process.env.COUNT ?? 2000);
const topic = 'isolated';
const group = 'isolated-group';
const value = Buffer.alloc(256, 'x');

function msgtraceSide() {
  const slot = globalThis[Symbol.for('msgtrace.@msgtrace/instrumentation-kafkajs.telemetry')];
  const telemetry = slot?.current;
  if (!telemetry) throw new Error('load @msgtrace/instrumentation-kafkajs/register first');
  const shared = require(
    require.resolve('@msgtrace/kafka-shared', {
      paths: [dirname(require.resolve('@msgtrace/instrumentation-kafkajs'))],
    }),
  );
  const client = { clientId: 'bench', server: { address: '127.0.0.1', port: 9092 } };
  const consumer = { ...client, groupId: group };
  return {
    send(record) {
      const call = telemetry.prepareSend(client, shared.SEND, [record]);
      call?.onSuccess?.([{ topicName: topic, partition: 0, baseOffset: '0' }]);
      return call ? call.args[0] : record;
    },
    process(message, _offset, handler) {
      return telemetry.processOne({ message, consumer, topic, partition: 0 }, handler);
    },
  };
}

function floorSide() {
  const attributes = {
    'messaging.system': 'kafka',
    'messaging.operation.name': 'send',
    'messaging.operation.type': 'send',
    'messaging.destination.name': topic,
  };
  return {
    send(record) {
      const [message] = record.messages;
      const { carrier, span } = floor.produce(`send ${topic}`, attributes, message.headers);
      span.end();
      return { ...record, messages: [{ ...message, headers: carrier }] };
    },
    process(message, offset, handler) {
      return floor.consume(
        `process ${topic}`,
        {
          'messaging.system': 'kafka',
          'messaging.operation.name': 'process',
          'messaging.operation.type': 'process',
          'messaging.destination.name': topic,
          'messaging.destination.partition.id': '0',
          'messaging.consumer.group.name': group,
          'messaging.kafka.offset': offset,
        },
        message.headers,
        handler,
      );
    },
  };
}

const side = floor.enabled ? floorSide() : msgtraceSide();
let handled = 0;
const handler = () => {
  handled++;
};

function one(i) {
  const sent = side.send({ topic, messages: [{ value, headers: { app: 'bench' } }] });
  const [message] = sent.messages;
  // What the consumer sees: header values as Buffers, offset and timestamp as strings.
  const headers = {};
  for (const [key, v] of Object.entries(message.headers)) headers[key] = Buffer.from(String(v));
  const consumed = {
    key: null,
    value: message.value,
    headers,
    offset: String(i),
    timestamp: '1700000000000',
  };
  side.process(consumed, i, handler);
}

isolatedWindow(warmup, count, one).then(() => {
  if (handled !== 2 * warmup + count) throw new Error('a handler did not run');
});
