import { randomBytes } from 'node:crypto';

/**
 * A name no other test run has used: topics, queues and streams live on shared brokers, so every
 * test makes its own. Letters, digits and dashes only, which Kafka, SQS, Kinesis and RabbitMQ all
 * accept; at most 64 characters, within SQS's 80 even with `.fifo` added.
 */
export function uniqueName(prefix: string): string {
  const clean =
    prefix
      .replace(/[^A-Za-z0-9-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'msgtrace';
  const stamp = Date.now().toString(36);
  const random = randomBytes(4).toString('hex');
  return `${clean}-${stamp}-${random}`;
}

/** A FIFO queue name: SQS requires the `.fifo` suffix. */
export function uniqueFifoQueueName(prefix: string): string {
  return `${uniqueName(prefix)}.fifo`;
}
