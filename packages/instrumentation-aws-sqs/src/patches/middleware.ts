import { type AwsInitializeMiddleware, invokeAwsCall } from '@msgtrace/core';
import { queueOf } from '../describe.js';
import type { SqsCall, SqsTelemetry } from '../telemetry.js';

/** How the SQS commands msgtrace traces are prepared; other commands pass through untouched. */
function preparerFor(
  telemetry: SqsTelemetry,
  command: unknown,
  input: Record<string, unknown>,
): (() => SqsCall) | undefined {
  const queue = () => queueOf(input.QueueUrl);
  switch (command) {
    case 'SendMessageCommand':
      return () => telemetry.sendMessage(queue(), input);
    case 'SendMessageBatchCommand':
      return () => telemetry.sendMessageBatch(queue(), input);
    case 'ReceiveMessageCommand':
      return () => telemetry.receiveMessage(queue(), input);
    case 'DeleteMessageCommand':
      return () => telemetry.deleteMessage(queue(), input, false);
    case 'DeleteMessageBatchCommand':
      return () => telemetry.deleteMessage(queue(), input, true);
    default:
      return undefined;
  }
}

/**
 * The client middleware: at the initialize step, before serialization and signing, so an
 * injected copy of the input is what gets signed and sent. A client cannot be found again to
 * remove it, so after `disable()` it passes every call through untouched.
 */
export function sqsMiddleware(
  telemetry: SqsTelemetry,
  isEnabled: () => boolean,
): AwsInitializeMiddleware {
  return (next, context) => (args) => {
    if (!isEnabled() || !args || typeof args.input !== 'object' || args.input === null) {
      return next(args);
    }
    const command = context.commandName;
    const prepare = preparerFor(telemetry, command, args.input as Record<string, unknown>);
    if (!prepare) return next(args);
    return invokeAwsCall(`sqs ${String(command)}`, next, args, prepare);
  };
}
