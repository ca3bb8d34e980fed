import type { Span } from '@opentelemetry/api';
import type { PipelinesConfig } from './pipelines/config.js';
import type { PropagationMode } from './propagation-mode.js';
import type { SemconvStabilityOptIn } from './semconv-stability.js';

/**
 * Options every msgtrace instrumentation accepts. Each broker package extends this with its own
 * options and tells what its hooks receive.
 *
 * @typeParam ProducerInfo what `producerHook` is given besides the span (the message, destination)
 * @typeParam ConsumerInfo what `consumerHook` is given besides the span
 */
export interface MessagingInstrumentationConfig<ProducerInfo = unknown, ConsumerInfo = unknown> {
  /**
   * Whether the instrumentation patches its library at all. Default `true`. A disabled
   * instrumentation leaves the library's functions exactly as they were.
   */
  enabled?: boolean;
  /**
   * How a single message's `process` span relates to its producer: `'child'` (default) continues
   * the producer's trace; `'link'` starts from the consumer's own context and links to the
   * producer. A function chooses per destination. Batch and pull spans always link.
   */
  propagationMode?: PropagationMode;
  /**
   * Called with each recorded (sampled) producer span before the message leaves, e.g. to add
   * attributes of your own. Errors it throws are logged once through `diag` and otherwise ignored.
   */
  producerHook?: (span: Span, info: ProducerInfo) => void;
  /**
   * Called with each recorded (sampled) consumer span before the application's handler runs.
   * Errors it throws are logged once through `diag` and otherwise ignored.
   */
  consumerHook?: (span: Span, info: ConsumerInfo) => void;
  /**
   * Whether message keys (Kafka key, Kinesis partition key) are recorded as span attributes.
   * Default `false`: keys often hold user or account ids.
   */
  captureMessageKey?: boolean;
  /**
   * Whether a batch send also makes one `create` span per message (each message then carries
   * its own creation context). Default `false`: at high volume they multiply trace sizes for
   * little insight; the batch's `send` span is every message's creation context instead.
   */
  createSpanPerMessage?: boolean;
  /**
   * Which names of the messaging semantic conventions spans, links and metrics carry:
   * `'default'` the v1.44 names, `'messaging'` the v1.45 names (`messaging.system.name`,
   * `aws.sqs`, `kafka.*`, `rabbitmq.*`), `'messaging/dup'` both. Default: what
   * `OTEL_SEMCONV_STABILITY_OPT_IN` says (`messaging`, `messaging/dup`), else `'default'`.
   * Read when the instrumentation is configured, never per message.
   */
  semconvStabilityOptIn?: SemconvStabilityOptIn;
  /**
   * Pathways and pipeline metrics: every message carries a small pathway context (sampled or
   * not), and consumers record end-to-end latency and per-edge counts (`msgtrace.pathway.*`).
   * Off by default (the carrier is a non-standard field added to every message);
   * `{ enabled: true }` turns it on. See `PipelinesConfig` and docs/pipelines.md.
   */
  pipelines?: PipelinesConfig;
}

/** The defaults the options above document. */
export const DEFAULT_MESSAGING_CONFIG = {
  enabled: true,
  propagationMode: 'child',
  captureMessageKey: false,
  createSpanPerMessage: false,
} as const satisfies MessagingInstrumentationConfig;
