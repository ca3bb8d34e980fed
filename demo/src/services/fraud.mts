/**
 * fraud check (an ES module, `--import @msgtrace/auto/register`): takes orders from Kafka (kafkajs
 * or the Confluent client's KafkaJS API) with `eachBatch` (one span per batch, linked to every order), scores each order in a piscina worker
 * thread inside its own `processMessage` span, and hands approved ones to the payments queue on
 * SQS.
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { Piscina } from 'piscina';
import { names, type Order, orderCount, sqs } from './config.js';
import { kafkaConsumer, processMessageHelper } from './kafka.js';

const queue = sqs();
// The scoring runs in worker threads; the trace follows the order into them with no code here.
const scorer = new Piscina({
  filename: new URL('./fraud-score.js', import.meta.url).href,
  minThreads: 1,
  maxThreads: 2,
});
const processMessage = await processMessageHelper();
const consumer = await kafkaConsumer('fraud', `fraud-${names.orders}`, names.orders);

let handled = 0;
await new Promise<void>((resolve) => {
  void consumer.run({
    eachBatch: async ({ batch, resolveOffset }) => {
      for (const message of batch.messages) {
        await processMessage(message, async () => {
          const order = JSON.parse(message.value?.toString() ?? '{}') as Order;
          // Every order passes in the demo; the score only shows where the work ran.
          await scorer.run(order);
          await queue.send(
            new SendMessageCommand({
              QueueUrl: names.payments,
              MessageBody: JSON.stringify(order),
            }),
          );
        });
        resolveOffset(message.offset);
        if (++handled === orderCount) resolve();
      }
    },
  });
});
await consumer.disconnect();
await scorer.destroy();
queue.destroy();
