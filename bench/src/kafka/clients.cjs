// The Kafka clients the workload runs on, behind the few calls it makes: KAFKA_CLIENT=kafkajs
// (the default) or confluent (@confluentinc/kafka-javascript's KafkaJS API, librdkafka
// underneath). Their APIs agree on send and run; only configuration, topic creation and how a
// consumer says it joined differ.
//
// Generous timeouts for both: under valgrind a process runs tens of times slower, and a missed
// heartbeat (a rebalance, messages fetched again) or a timed-out request (a retry) inside the
// measured window would be counted as if the instrumentation had cost it. Nothing on the clock
// may fall inside the window either: metadata is refreshed once an hour.
const HOUR = 3_600_000;
const SESSION = {
  sessionTimeout: 1_200_000,
  rebalanceTimeout: 1_200_000,
  heartbeatInterval: 1_000_000,
};
const CLIENT = { clientId: 'bench', requestTimeout: 300_000, connectionTimeout: 60_000 };

function kafkajs({ brokers, topic, group }) {
  const { Kafka, logLevel } = require('kafkajs');
  const kafka = new Kafka({ ...CLIENT, brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: group, ...SESSION, metadataMaxAge: HOUR });
  return {
    admin: kafka.admin(),
    createTopic: { topics: [{ topic, numPartitions: 1 }], waitForLeaders: true },
    producer: kafka.producer({ metadataMaxAge: HOUR }),
    consumer,
    subscribe: () => consumer.subscribe({ topic, fromBeginning: true }),
    joined: () => new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve)),
  };
}

function confluent({ brokers, topic, group }) {
  const { KafkaJS } = require('@confluentinc/kafka-javascript');
  const kafka = new KafkaJS.Kafka({
    kafkaJS: { ...CLIENT, brokers, logLevel: KafkaJS.logLevel.NOTHING },
  });
  const consumer = kafka.consumer({
    kafkaJS: { groupId: group, fromBeginning: true, ...SESSION },
    'topic.metadata.refresh.interval.ms': HOUR,
    'max.poll.interval.ms': 1_200_000,
  });
  return {
    admin: kafka.admin(),
    createTopic: { topics: [{ topic, numPartitions: 1 }] },
    producer: kafka.producer({ 'topic.metadata.refresh.interval.ms': HOUR }),
    consumer,
    subscribe: () => consumer.subscribe({ topics: [topic] }),
    // No GROUP_JOIN event here: the first round waits until the consumer has joined and
    // fetched, which the warm-up absorbs.
    joined: () => Promise.resolve(),
  };
}

/** The topic created, producer and consumer connected and subscribed, in the chosen client. */
async function connectKafka(options) {
  const name = process.env.KAFKA_CLIENT ?? 'kafkajs';
  const make = { kafkajs, confluent }[name];
  if (!make) throw new Error(`KAFKA_CLIENT=${name}: kafkajs or confluent`);
  const client = make(options);
  await client.admin.connect();
  await client.admin.createTopics(client.createTopic);
  await client.admin.disconnect();
  await Promise.all([client.producer.connect(), client.consumer.connect()]);
  await client.subscribe();
  return client;
}

module.exports = { connectKafka };
