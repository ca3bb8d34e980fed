import { startOperation } from '@msgtrace/core';
import { ATTR_MSGTRACE_SQS_FAILED_COUNT } from '../attributes.js';
import { batchFailuresOf, deleteOperation, type QueueInfo } from '../describe.js';
import { type SqsCall, type SqsInput, type SqsTelemetrySource, setRequestId } from './call.js';

/** `DeleteMessage` / `DeleteMessageBatch`: a `delete {queue}` settle span. */
export function deleteMessage(
  telemetry: SqsTelemetrySource,
  queue: QueueInfo | undefined,
  input: SqsInput,
  batch: boolean,
): SqsCall {
  const entries = batch && Array.isArray(input.Entries) ? input.Entries.length : undefined;
  const operation = startOperation(
    telemetry.tracer(),
    telemetry.metrics(),
    deleteOperation(queue, telemetry.semconv()),
    entries !== undefined ? { messageCount: entries } : {},
  );
  return {
    context: operation.context,
    onSuccess: ({ output }) => {
      const failures = batchFailuresOf(output);
      if (failures.length > 0) {
        operation.span.setAttribute(ATTR_MSGTRACE_SQS_FAILED_COUNT, failures.length);
      }
      setRequestId(operation, output, undefined);
      operation.end();
    },
    onError: (error) => {
      setRequestId(operation, undefined, error);
      operation.fail(error);
    },
  };
}
