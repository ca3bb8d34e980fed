import { invokeInstrumented } from '@msgtrace/core';
import { queueOf } from '../describe.js';
import type { SqsTelemetry } from '../telemetry.js';

/** The parts of the SDK's middleware contract msgtrace relies on, declared structurally. */
export interface MiddlewareArgs {
  input: Record<string, unknown>;
  [key: string]: unknown;
}
type Next = (args: MiddlewareArgs) => Promise<{ output: unknown }>;
export type InitializeMiddleware = (
  next: Next,
  context: { commandName?: unknown },
) => (args: MiddlewareArgs) => Promise<{ output: unknown }>;

export const MIDDLEWARE_NAME = 'msgtraceSqs';

/**
 * The client middleware: at the initialize step, before serialization and signing, so an
 * injected copy of the input is what gets signed and sent. A client cannot be found again to
 * remove it, so after `disable()` it passes every call through untouched.
 */
export function sqsMiddleware(
  telemetry: SqsTelemetry,
  isEnabled: () => boolean,
): InitializeMiddleware {
  return (next, context) => (args) => {
    if (!isEnabled() || !args || typeof args.input !== 'object' || args.input === null) {
      return next(args);
    }
    const command = context.commandName;
    const input = args.input;
    const prepare = (() => {
      switch (command) {
        case 'SendMessageCommand':
          return () => telemetry.sendMessage(queueOf(input.QueueUrl), input);
        case 'SendMessageBatchCommand':
          return () => telemetry.sendMessageBatch(queueOf(input.QueueUrl), input);
        case 'ReceiveMessageCommand':
          return () => telemetry.receiveMessage(queueOf(input.QueueUrl), input);
        case 'DeleteMessageCommand':
          return () => telemetry.deleteMessage(queueOf(input.QueueUrl), input, false);
        case 'DeleteMessageBatchCommand':
          return () => telemetry.deleteMessage(queueOf(input.QueueUrl), input, true);
        default:
          return undefined;
      }
    })();
    if (!prepare) return next(args);
    return invokeInstrumented<undefined, [MiddlewareArgs], Promise<{ output: unknown }>>(
      `sqs ${String(command)}`,
      next,
      undefined,
      [args],
      () => {
        const call = prepare();
        // The rest of the middleware arguments (request, …) go on unchanged with the new input.
        const replaced = call.args?.[0];
        return replaced ? { ...call, args: [{ ...args, input: replaced.input }] } : call;
      },
    );
  };
}
