import { type PathwayRef, processWide } from '@msgtrace/core';
import type { Context } from '@opentelemetry/api';
import type { QueueInfo } from './describe.js';

/**
 * What the receive side learned about each message before taking the propagation attributes off
 * it: the app's copy no longer carries its context, so `processMessage` and the `sqs-consumer`
 * patch look it up here. Keyed by the SDK's own response objects, so nothing leaks.
 */
export interface ReceivedMessage {
  creation: Context | undefined;
  queue: QueueInfo | undefined;
  /** Its pathway, recorded by the receive. */
  pathway: PathwayRef | undefined;
}

// Process-wide so the CommonJS copy the register entry loads and an ES module copy the
// application imports `processMessage` from share what was received.
export function receivedMessages(): WeakMap<object, ReceivedMessage> {
  return processWide(
    'msgtrace.instrumentation-aws-sqs.received',
    () => new WeakMap<object, ReceivedMessage>(),
  );
}
