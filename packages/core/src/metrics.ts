import {
  type Attributes,
  type Counter,
  createNoopMeter,
  type Histogram,
  type Meter,
} from '@opentelemetry/api';
import type { MessagingOperation } from './operation.js';
import {
  ATTR_ERROR_TYPE,
  ATTR_MESSAGING_CONSUMER_GROUP_NAME,
  ATTR_MESSAGING_DESTINATION_NAME,
  ATTR_MESSAGING_DESTINATION_PARTITION_ID,
  ATTR_MESSAGING_DESTINATION_SUBSCRIPTION_NAME,
  ATTR_MESSAGING_DESTINATION_TEMPLATE,
  ATTR_MESSAGING_OPERATION_NAME,
  ATTR_MESSAGING_OPERATION_TYPE,
  ATTR_MESSAGING_SYSTEM,
  ATTR_MESSAGING_SYSTEM_NAME,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  DURATION_BUCKETS_SECONDS,
  MESSAGE_AGE_BUCKETS_SECONDS,
  METRIC_MESSAGING_CLIENT_CONSUMED_MESSAGES,
  METRIC_MESSAGING_CLIENT_OPERATION_DURATION,
  METRIC_MESSAGING_CLIENT_SENT_MESSAGES,
  METRIC_MESSAGING_PROCESS_DURATION,
  METRIC_MSGTRACE_MESSAGE_AGE,
} from './semconv.js';
import { SEMCONV_V1_44, setSystemAttribute } from './semconv-stability.js';
import { errorTypeOf } from './spans.js';

/**
 * The attributes the conventions allow on messaging metrics. Anything else (message ids,
 * offsets, keys) would explode cardinality, so it is dropped however the caller built its set.
 */
const METRIC_ATTRIBUTE_KEYS: readonly string[] = [
  ATTR_MESSAGING_SYSTEM,
  ATTR_MESSAGING_SYSTEM_NAME,
  ATTR_MESSAGING_OPERATION_NAME,
  ATTR_MESSAGING_OPERATION_TYPE,
  ATTR_MESSAGING_DESTINATION_NAME,
  ATTR_MESSAGING_DESTINATION_TEMPLATE,
  ATTR_MESSAGING_DESTINATION_SUBSCRIPTION_NAME,
  ATTR_MESSAGING_DESTINATION_PARTITION_ID,
  ATTR_MESSAGING_CONSUMER_GROUP_NAME,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_ERROR_TYPE,
];

/**
 * The subset of `attributes` (and of an operation's `recorded` ones) that may go on a messaging
 * metric.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function metricAttributes(attributes: Attributes, recorded?: Attributes): Attributes {
  const picked: Attributes = {};
  for (const key of METRIC_ATTRIBUTE_KEYS) {
    const value = attributes[key] ?? recorded?.[key];
    if (value !== undefined) picked[key] = value;
  }
  return picked;
}

/**
 * The metric attributes of an operation (and its failure), built once per operation and shared
 * by every metric it records: the recorder does not filter again on the hot path.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function metricAttributesOf(operation: MessagingOperation, error?: unknown): Attributes {
  // A partition is per-message detail on spans and a dimension on metrics.
  const attributes = metricAttributes(operation.attributes ?? {}, operation.recordedAttributes);
  setSystemAttribute(attributes, operation.semconv ?? SEMCONV_V1_44, operation.system);
  attributes[ATTR_MESSAGING_OPERATION_TYPE] = operation.type;
  attributes[ATTR_MESSAGING_OPERATION_NAME] = operation.name;
  if (operation.destination) attributes[ATTR_MESSAGING_DESTINATION_NAME] = operation.destination;
  if (error !== undefined) attributes[ATTR_ERROR_TYPE] = errorTypeOf(error);
  return attributes;
}

// The API does not export its no-op meter class; one instance tells it.
const NOOP_METER_CLASS = createNoopMeter().constructor as new () => Meter;

/**
 * The one place broker packages record metrics through: the four conventional messaging
 * metrics and msgtrace's message-age histogram, created once per meter. Attributes passed in
 * come from {@link metricAttributesOf} or {@link metricAttributes}: low-cardinality only.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export class MessagingMetrics {
  private readonly sentMessages: Counter;
  private readonly consumedMessages: Counter;
  private readonly operationDuration: Histogram;
  private readonly processDuration: Histogram;
  private readonly messageAge: Histogram;

  /**
   * False when the meter is the API's no-op one (no MeterProvider registered): callers then skip
   * building metric attributes at all, which is most of what a metric costs on the hot path.
   */
  readonly enabled: boolean;

  constructor(meter: Meter) {
    this.enabled = !(meter instanceof NOOP_METER_CLASS);
    this.sentMessages = meter.createCounter(METRIC_MESSAGING_CLIENT_SENT_MESSAGES, {
      description: 'Number of messages producers attempted to send to the broker.',
      unit: '{message}',
    });
    this.consumedMessages = meter.createCounter(METRIC_MESSAGING_CLIENT_CONSUMED_MESSAGES, {
      description: 'Number of messages delivered to the application.',
      unit: '{message}',
    });
    this.operationDuration = meter.createHistogram(METRIC_MESSAGING_CLIENT_OPERATION_DURATION, {
      description: 'Duration of a messaging operation initiated by a producer or consumer client.',
      unit: 's',
      advice: { explicitBucketBoundaries: [...DURATION_BUCKETS_SECONDS] },
    });
    this.processDuration = meter.createHistogram(METRIC_MESSAGING_PROCESS_DURATION, {
      description: 'Duration of processing operation.',
      unit: 's',
      advice: { explicitBucketBoundaries: [...DURATION_BUCKETS_SECONDS] },
    });
    this.messageAge = meter.createHistogram(METRIC_MSGTRACE_MESSAGE_AGE, {
      description: "Time from the broker's timestamp of a message to the start of its processing.",
      unit: 's',
      advice: { explicitBucketBoundaries: [...MESSAGE_AGE_BUCKETS_SECONDS] },
    });
  }

  /** Messages a send or create operation tried to send (failed sends count, with `error.type`). */
  recordSent(count: number, attributes: Attributes): void {
    if (count > 0) this.sentMessages.add(count, attributes);
  }

  /** Messages a receive or process operation handed to the application. */
  recordConsumed(count: number, attributes: Attributes): void {
    if (count > 0) this.consumedMessages.add(count, attributes);
  }

  /** Duration of a client operation (send, receive, settle), in seconds. */
  recordOperationDuration(seconds: number, attributes: Attributes): void {
    this.operationDuration.record(seconds, attributes);
  }

  /** Duration of processing one message, or one batch for batch handlers, in seconds. */
  recordProcessDuration(seconds: number, attributes: Attributes): void {
    this.processDuration.record(seconds, attributes);
  }

  /**
   * Age of a message when processing starts, from the broker's own timestamp (epoch ms). Clock
   * skew can make it negative; such a value says nothing and is dropped, as is a missing one.
   */
  recordMessageAge(
    brokerTimestampMs: number | undefined,
    attributes: Attributes,
    nowMs = Date.now(),
  ): void {
    if (brokerTimestampMs === undefined || !Number.isFinite(brokerTimestampMs)) return;
    const seconds = (nowMs - brokerTimestampMs) / 1000;
    if (seconds >= 0) this.messageAge.record(seconds, attributes);
  }
}

/**
 * Seconds elapsed since a `performance.now()` reading.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function secondsSince(startMs: number): number {
  return (performance.now() - startMs) / 1000;
}
