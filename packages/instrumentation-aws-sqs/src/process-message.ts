import {
  guard,
  nonRecordingSpan,
  processInMessageContext,
  runOperation,
  telemetrySlot,
} from '@msgtrace/core';
import type { Span } from '@opentelemetry/api';
import { queueOf } from './describe.js';
import { fromLambdaRecord, isLambdaSqsRecord, type LambdaSqsRecord } from './lambda-record.js';
import { receivedMessages } from './received.js';
import type { SqsMessageToProcess, SqsTelemetry } from './telemetry.js';
import type { SqsMessage } from './types.js';
import { PACKAGE_NAME } from './version.js';

const slot = telemetrySlot<SqsTelemetry>(PACKAGE_NAME);

/** Options of {@link processMessage} and {@link processMessages}. */
export interface ProcessMessageOptions {
  /** The queue the message came from, to name the span when msgtrace did not receive it. */
  queueUrl?: string;
}

function resolve(
  telemetry: SqsTelemetry,
  message: SqsMessage | LambdaSqsRecord,
  options: ProcessMessageOptions,
): SqsMessageToProcess {
  if (isLambdaSqsRecord(message)) {
    const record = fromLambdaRecord(message);
    return { ...record, creation: telemetry.extractCreation(record.message), uncounted: true };
  }
  const known = receivedMessages().get(message);
  return {
    message,
    queue: queueOf(options.queueUrl) ?? known?.queue,
    creation: known ? known.creation : telemetry.extractCreation(message),
    pathway: known?.pathway,
  };
}

/**
 * Runs `work` for one received message under its own `process {queue}` span, child of the
 * message's creation context or linked to it as configured. Works for messages from an
 * instrumented `ReceiveMessage` (whose propagation attributes are already gone from the app's
 * copy), from an uninstrumented one (read from their attributes, `AWSTraceHeader` or SNS
 * envelope) and for the SQS records of a Lambda event (counted as consumed here, since no
 * `receive` counted them). The span ends when `work` returns or its promise settles; a throw or
 * rejection marks it failed and reaches the caller unchanged.
 *
 * Without an enabled instrumentation it simply runs `work`, with no span.
 */
export function processMessage<T>(
  message: SqsMessage | LambdaSqsRecord,
  work: (span: Span | undefined) => T,
  options: ProcessMessageOptions = {},
): T {
  const telemetry = slot.current;
  if (!telemetry || !message || typeof message !== 'object') return work(undefined);
  return processInMessageContext(
    'sqs processMessage',
    () => telemetry.messageProcessing(resolve(telemetry, message, options ?? {})),
    work,
  );
}

/**
 * Runs `work` for a batch of received messages under one `process {queue}` span that links to
 * every message's creation context (a batch has no single parent). The span ends when `work`
 * returns or its promise settles.
 */
export function processMessages<T>(
  messages: readonly (SqsMessage | LambdaSqsRecord)[],
  work: (span: Span | undefined) => T,
  options: ProcessMessageOptions = {},
): T {
  const telemetry = slot.current;
  if (!telemetry || !Array.isArray(messages)) return work(undefined);
  const resolved = guard('sqs processMessages', () =>
    messages
      .filter((m) => !!m && typeof m === 'object')
      .map((m) => resolve(telemetry, m, options ?? {})),
  );
  if (!resolved) return work(undefined);
  const operation = guard('sqs process batch start', () => telemetry.startProcessBatch(resolved));
  // The span could not start (a span processor threw): the work runs as processMessage's would,
  // with a span that records nothing, since it may call span methods.
  if (!operation) return work(nonRecordingSpan());
  return runOperation('sqs process batch end', operation, () => work(operation.span));
}
