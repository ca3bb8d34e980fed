/**
 * payments (CommonJS): polls the SQS queue (one `receive` span per poll, linked to its
 * messages), charges each order inside its own `processMessage` span, tells the notifier over
 * RabbitMQ and deletes the message.
 */
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { processMessage } from '@msgtrace/instrumentation-aws-sqs';
import { trace } from '@opentelemetry/api';
import { connect } from 'amqplib';
import { endpoints, names, type Order, orderCount, sqs } from './config.js';

const tracer = trace.getTracer('demo-payments');

async function main(): Promise<void> {
  const queue = sqs();
  const connection = await connect(endpoints.amqpUrl);
  const channel = await connection.createConfirmChannel();
  let handled = 0;
  while (handled < orderCount) {
    const { Messages = [] } = await queue.send(
      new ReceiveMessageCommand({
        QueueUrl: names.payments,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
      }),
    );
    for (const message of Messages) {
      await processMessage(
        message,
        async () => {
          const order = JSON.parse(message.Body ?? '{}') as Order;
          tracer.startSpan(`charge ${order.id}`).end();
          channel.sendToQueue(
            names.notifications,
            Buffer.from(JSON.stringify({ order: order.id, status: 'paid' })),
          );
          await channel.waitForConfirms();
          await queue.send(
            new DeleteMessageCommand({
              QueueUrl: names.payments,
              ReceiptHandle: message.ReceiptHandle,
            }),
          );
        },
        { queueUrl: names.payments },
      );
      handled++;
    }
  }
  await channel.close();
  await connection.close();
  queue.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
