/**
 * notifier (an ES module, `--import @msgtrace/auto/register`): consumes payment notices from
 * RabbitMQ; each delivery's `process` span stays open until the message is acked.
 */
import { trace } from '@opentelemetry/api';
import { connect } from 'amqplib';
import { endpoints, names, orderCount } from './config.js';

const tracer = trace.getTracer('demo-notifier');
const connection = await connect(endpoints.amqpUrl);
const channel = await connection.createChannel();
let handled = 0;
await new Promise<void>((resolve) => {
  void channel.consume(names.notifications, (message) => {
    if (!message) return;
    const notice = JSON.parse(message.content.toString()) as { order: string };
    tracer.startSpan(`email receipt ${notice.order}`).end();
    channel.ack(message);
    if (++handled === orderCount) resolve();
  });
});
await channel.close();
await connection.close();
