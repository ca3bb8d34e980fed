// The floor's RabbitMQ instrumentation (../shared/floor.cjs) as both the workload and the isolated
// harness apply it to an amqplib channel: the consumer's handler, and sendToQueue. Unless
// BENCH_FLOOR=1 both are pass-throughs.
const floor = require('../shared/floor.cjs');

const HEADERS = { app: 'bench' };

function attributes(queue, name, type) {
  return {
    'messaging.system': 'rabbitmq',
    'messaging.operation.name': name,
    'messaging.operation.type': type,
    'messaging.destination.name': queue,
  };
}

/** `handle` as the consumer's callback: inside the floor's `process` span when it is on. */
function floorHandler(queue, handle) {
  if (!floor.enabled) return handle;
  const processAttributes = attributes(queue, 'process', 'process');
  return (message) =>
    floor.consume(`process ${queue}`, processAttributes, message.properties.headers, () =>
      handle(message),
    );
}

/** One `sendToQueue` of `body` with the bench's headers, in the floor's `publish` span when on. */
function floorPublisher(channel, queue, body) {
  if (!floor.enabled) return () => channel.sendToQueue(queue, body, { headers: { app: 'bench' } });
  const publishAttributes = attributes(queue, 'publish', 'send');
  return () => {
    const { carrier, span } = floor.produce(`publish ${queue}`, publishAttributes, HEADERS);
    try {
      return channel.sendToQueue(queue, body, { headers: carrier });
    } finally {
      span.end();
    }
  };
}

module.exports = { floor, floorHandler, floorPublisher };
