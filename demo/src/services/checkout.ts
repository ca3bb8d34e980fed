/**
 * checkout (CommonJS, `--require @msgtrace/auto/register`): one request span per order, which
 * sends the order to Kafka and an audit event to Kinesis, then exits.
 */
import { PutRecordCommand } from '@aws-sdk/client-kinesis';
import { SpanKind, trace } from '@opentelemetry/api';
import { kinesis, names, type Order, orderCount } from './config.js';
import { kafkaProducer } from './kafka.js';

const tracer = trace.getTracer('demo-checkout');

async function main(): Promise<void> {
  const producer = kafkaProducer('checkout');
  await producer.connect();
  const audit = kinesis();
  for (let i = 1; i <= orderCount; i++) {
    const order: Order = { id: `order-${i}`, amount: 10 * i };
    await tracer.startActiveSpan(
      `POST /checkout ${order.id}`,
      { kind: SpanKind.SERVER },
      async (span) => {
        await producer.send({
          topic: names.orders,
          messages: [{ key: order.id, value: JSON.stringify(order) }],
        });
        await audit.send(
          new PutRecordCommand({
            StreamName: names.audit,
            PartitionKey: order.id,
            Data: Buffer.from(JSON.stringify({ event: 'order placed', order: order.id })),
          }),
        );
        span.end();
      },
    );
  }
  await producer.disconnect();
  audit.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
