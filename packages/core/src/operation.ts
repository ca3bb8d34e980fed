import { type Attributes, SpanKind } from '@opentelemetry/api';
import {
  ATTR_MESSAGING_DESTINATION_NAME,
  ATTR_MESSAGING_OPERATION_NAME,
  ATTR_MESSAGING_OPERATION_TYPE,
  MESSAGING_OPERATION_TYPE,
  type MessagingOperationType,
  type MessagingSystem,
} from './semconv.js';
import { type MessagingSemconv, SEMCONV_V1_44, setSystemAttribute } from './semconv-stability.js';

/**
 * One messaging operation as the broker packages describe it, before any span exists: the pure
 * result of looking at a library call's arguments.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export interface MessagingOperation {
  system: MessagingSystem;
  type: MessagingOperationType;
  /** `messaging.operation.name`: the client's own word for it (send, publish, ack, …). */
  name: string;
  /**
   * Topic, queue, exchange or stream. Omitted for anonymous or unknown destinations, and the span
   * is then named by the operation alone.
   */
  destination?: string | undefined;
  /**
   * Further attributes a sampler may decide on, given at span creation: the conventions'
   * sampling-relevant ones (destination, subscription, consumer group, server) and what names
   * the destination to AWS (queue URL, stream name).
   */
  attributes?: Attributes | undefined;
  /**
   * Per-message detail no sampling decision rests on (ids, keys, sizes, partitions, offsets,
   * delivery tags, client and cluster ids, peer): set after the span starts, and only on a span
   * that records. The SDK copies creation attributes twice more for a span it records and once
   * for one it drops; these are copied once, and never for a dropped span (docs/performance.md
   * item 12).
   */
  recordedAttributes?: Attributes | undefined;
  /** The conventions' names the instrumentation emits. Default: the v1.44 names. */
  semconv?: MessagingSemconv | undefined;
}

const KINDS: Record<MessagingOperationType, SpanKind> = {
  [MESSAGING_OPERATION_TYPE.CREATE]: SpanKind.PRODUCER,
  [MESSAGING_OPERATION_TYPE.SEND]: SpanKind.PRODUCER,
  [MESSAGING_OPERATION_TYPE.RECEIVE]: SpanKind.CLIENT,
  [MESSAGING_OPERATION_TYPE.PROCESS]: SpanKind.CONSUMER,
  [MESSAGING_OPERATION_TYPE.SETTLE]: SpanKind.CLIENT,
};

/**
 * Create and send are PRODUCER, receive and settle CLIENT, process CONSUMER.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function spanKindFor(type: MessagingOperationType): SpanKind {
  return KINDS[type];
}

/**
 * `{messaging.operation.name} {destination}`, or the operation name alone.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function spanNameFor(operation: MessagingOperation): string {
  return operation.destination ? `${operation.name} ${operation.destination}` : operation.name;
}

/**
 * The attributes every span of the operation starts with.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function operationAttributes(operation: MessagingOperation): Attributes {
  const attributes: Attributes = {};
  setSystemAttribute(attributes, operation.semconv ?? SEMCONV_V1_44, operation.system);
  attributes[ATTR_MESSAGING_OPERATION_TYPE] = operation.type;
  attributes[ATTR_MESSAGING_OPERATION_NAME] = operation.name;
  if (operation.destination) attributes[ATTR_MESSAGING_DESTINATION_NAME] = operation.destination;
  return operation.attributes ? Object.assign(attributes, operation.attributes) : attributes;
}
