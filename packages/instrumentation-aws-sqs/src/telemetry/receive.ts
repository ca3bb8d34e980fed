import {
  metricAttributesOf,
  PATHWAY_FIELD,
  runUserHook,
  secondsSince,
  sqsMessageAttributesGetter,
  startBatchOperation,
} from '@msgtrace/core';
import { propagation, trace } from '@opentelemetry/api';
import { systemAttributesToRead, widenReceive } from '../attribute-request.js';
import {
  messageLinkAttributes,
  messagesOf,
  type QueueInfo,
  receiveOperation,
  sentTimestampOf,
} from '../describe.js';
import { type ReceivedMessage, receivedMessages } from '../received.js';
import { type SqsCall, type SqsInput, type SqsTelemetrySource, setRequestId } from './call.js';
import { CreationMemo } from './creation.js';

/**
 * `ReceiveMessage`: asks for the propagation attributes in a copy of the input; when the answer
 * arrives, a `receive {queue}` span starting at the request's start, linked at creation to every
 * message's creation context; then each message is put back to what the caller asked for.
 */
export function receiveMessage(
  telemetry: SqsTelemetrySource,
  queue: QueueInfo | undefined,
  input: SqsInput,
): SqsCall {
  const startTime = Date.now();
  const startedAt = performance.now();
  const metrics = telemetry.metrics();
  const pipelines = telemetry.pipelines();
  const fields = propagation.fields();
  const widened = widenReceive(
    input,
    pipelines ? [...fields, PATHWAY_FIELD] : fields,
    systemAttributesToRead(metrics.enabled),
  );
  const done = (output: unknown, error: unknown, failed: boolean): void => {
    const config = telemetry.config();
    const messages = messagesOf(output);
    if (messages.length === 0 && !failed && !config.traceEmptyReceives) {
      // An empty poll: timed in the metrics like any receive, but no span (at high poll rates
      // they would be most of the service's traces, each saying only that nothing came).
      if (metrics.enabled) {
        const attributes = metricAttributesOf(receiveOperation(queue, telemetry.semconv()));
        metrics.recordOperationDuration(secondsSince(startedAt), attributes);
      }
      return;
    }
    const remembered = receivedMessages();
    // Messages of one batch send carry the same carrier: extracted once per run (CreationMemo),
    // and remembered with one shared record while nothing else differs.
    const creations = new CreationMemo(config);
    let record: ReceivedMessage | undefined;
    const batch = messages.map((message) => {
      const creation = creations.of(message);
      // Each message's own pathway, recorded as it arrives (before its attribute is taken off).
      const pathway = pipelines?.incomingFrom(
        message.MessageAttributes,
        sqsMessageAttributesGetter,
        'aws_sqs',
        queue?.name ?? '',
      );
      if (record === undefined || record.creation !== creation || pathway || record.pathway) {
        record = { creation, queue, pathway };
      }
      remembered.set(message, record);
      return {
        creation: creation ? trace.getSpanContext(creation) : undefined,
        linkAttributes: messageLinkAttributes(message),
      };
    });
    // Ages are read before the messages are put back: `SentTimestamp` may be one we asked for.
    const ages = metrics.enabled ? messages.map(sentTimestampOf) : undefined;
    for (const message of messages) widened.restore(message);
    const operation = startBatchOperation(
      telemetry.tracer(),
      metrics,
      receiveOperation(queue, telemetry.semconv()),
      batch,
      { startTime, startedAt },
    );
    if (operation.span.isRecording() && messages.length > 0) {
      runUserHook('consumerHook', config.consumerHook, operation.span, {
        queueUrl: queue?.url ?? '',
        messages,
      });
    }
    setRequestId(operation, output, error);
    const attributes = failed
      ? operation.fail(error, messages.length)
      : operation.end(messages.length);
    if (attributes && ages) {
      for (const sent of ages) metrics.recordMessageAge(sent, attributes);
    }
  };
  return {
    args: [{ input: widened.input }],
    onSuccess: ({ output }) => done(output, undefined, false),
    onError: (error) => done(undefined, error, true),
  };
}
