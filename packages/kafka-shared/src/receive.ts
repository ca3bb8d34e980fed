import { guard, startBatchOperation } from '@msgtrace/core';
import { trace } from '@opentelemetry/api';
import type { ConsumerInfo } from './client-info.js';
import { brokerTimestamp, linkAttributes, receiveOperation } from './describe.js';
import { batchMessages } from './received.js';
import type { KafkaTelemetry } from './telemetry.js';
import type { ConsumedMessage } from './types.js';

/** One message a pull returned, with where it came from. */
export interface PulledMessage {
  topic: string;
  partition: number;
  message: ConsumedMessage;
  /** False when the message was already counted and aged (by a `process` span of its own). */
  uncounted: boolean;
}

/** When the pull was asked for: epoch milliseconds for the span, `performance.now()` for the metric. */
export interface PullTiming {
  startTime: number;
  startedAt: number;
}

function shared<T>(values: readonly T[]): T | undefined {
  const first = values[0];
  return values.every((value) => value === first) ? first : undefined;
}

/**
 * A pull that returned messages: one `receive {topic}` span from when it was asked for to now,
 * linked at creation to every message's creation context (per-link partition and offset). Each
 * message is remembered, so `processMessage` later finds its topic, partition, creation context
 * and pathway, and does not count it again.
 */
export function recordPull(
  telemetry: KafkaTelemetry,
  consumer: ConsumerInfo,
  pulled: readonly PulledMessage[],
  timing: PullTiming,
): void {
  if (pulled.length === 0) return;
  guard(`${telemetry.label} receive span`, () => {
    const semconv = telemetry.semconv();
    const received = batchMessages();
    const links = pulled.map(({ topic, partition, message, uncounted }) => {
      const creation = telemetry.creationOf(message);
      // A message a `process` span already handled had its pathway recorded there.
      const pathway = uncounted ? telemetry.pathwayOf(message, topic) : undefined;
      received.set(message, { consumer, topic, partition, creation, pathway });
      return {
        creation: creation ? trace.getSpanContext(creation) : undefined,
        linkAttributes: linkAttributes(partition, message, semconv),
      };
    });
    const operation = receiveOperation(
      consumer,
      shared(pulled.map((item) => item.topic)),
      shared(pulled.map((item) => item.partition)),
      semconv,
    );
    const started = startBatchOperation(telemetry.tracer(), telemetry.metrics(), operation, links, {
      startTime: timing.startTime,
      startedAt: timing.startedAt,
    });
    const uncounted = pulled.filter((item) => item.uncounted);
    const attributes = started.end(uncounted.length);
    if (attributes) {
      for (const { message } of uncounted) {
        telemetry.metrics().recordMessageAge(brokerTimestamp(message), attributes);
      }
    }
  });
}
