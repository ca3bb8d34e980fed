/**
 * fraud check (an ES module, `--import @msgtrace/auto/register`): takes orders from Kafka with
 * `eachBatch` (one span per batch, linked to every order), scores each order inside its own
 * `processMessage` span, and hands approved ones to the payments queue on SQS.
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { processMessage } from '@msgtrace/instrumentation-kafkajs';
import { trace } from '@opentelemetry/api';
import { kafka, names, type Order, orderCount, sqs } from './config.js';

const tracer = trace.getTracer('demo-fraud');
const queue = sqs();
const consumer = kafka('fraud').consumer({ groupId: `fraud-${names.orders}` });
await consumer.connect();
await consumer.subscribe({ topic: names.orders, fromBeginning: true });

let handled = 0;
await new Promise<void>((resolve) => {
  void consumer.run({
    eachBatch: async ({ batch, resolveOffset }) => {
      for (const message of batch.messages) {
        await processMessage(message, async () => {
          const order = JSON.parse(message.value?.toString() ?? '{}') as Order;
          tracer.startSpan(`score ${order.id}`).end();
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
queue.destroy();
