import {
  type Attributes,
  type Context,
  context,
  type Link,
  type Span,
  type SpanContext,
  type SpanOptions,
  SpanStatusCode,
  type TimeInput,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import {
  type MessagingOperation,
  operationAttributes,
  spanKindFor,
  spanNameFor,
} from './operation.js';
import { type PathwayRef, withPathway } from './pipelines/pathway.js';
import type { PropagationModeName } from './propagation-mode.js';
import {
  ATTR_ERROR_TYPE,
  ATTR_MESSAGING_BATCH_MESSAGE_COUNT,
  ERROR_TYPE_OTHER,
} from './semconv.js';

/**
 * A started span and the context that has it active.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export interface StartedSpan {
  span: Span;
  context: Context;
}

/** @internal Shared by the msgtrace broker packages; not an application API. */
export interface StartSpanOptions {
  /** When the operation really began, e.g. the request's start for a pull recorded on response. */
  startTime?: TimeInput;
  /** The context the span starts in. Default: the active context. */
  parent?: Context;
  /**
   * The pathway of the message processed under the span: the span's context carries it, so what
   * is produced there continues it. It does not affect the span itself.
   */
  pathway?: PathwayRef | undefined;
}

function start(
  tracer: Tracer,
  operation: MessagingOperation,
  parent: Context,
  extra: {
    links?: Link[];
    attributes?: Attributes;
    startTime?: TimeInput | undefined;
    pathway?: PathwayRef | undefined;
  },
): StartedSpan {
  const attributes = operationAttributes(operation);
  if (extra.attributes) Object.assign(attributes, extra.attributes);
  // Options built by assignment: spreads of conditional object literals cost per message.
  const options: SpanOptions = { kind: spanKindFor(operation.type), attributes };
  if (extra.links && extra.links.length > 0) options.links = extra.links;
  if (extra.startTime !== undefined) options.startTime = extra.startTime;
  const span = tracer.startSpan(spanNameFor(operation), options, parent);
  const recorded = operation.recordedAttributes;
  if (recorded && span.isRecording()) span.setAttributes(recorded);
  const inner = extra.pathway ? withPathway(parent, extra.pathway) : parent;
  return { span, context: trace.setSpan(inner, span) };
}

/**
 * How {@link startOperationSpan} starts a span, besides where and when.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export interface OperationSpanOptions extends StartSpanOptions {
  /** `messaging.batch.message_count`, for calls on a batch of messages. */
  messageCount?: number | undefined;
  /** Given at creation, so samplers see them (a batch send's links to per-message `create`s). */
  links?: Link[] | undefined;
}

/**
 * The span of an operation that is neither one message's `process` ({@link startMessageSpan})
 * nor a batch or pull linking to its messages ({@link startBatchSpan}): a `send` or `create`,
 * whose context the broker package injects into the message(s), or a `settle` (SQS delete).
 * Its kind follows the operation's type.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function startOperationSpan(
  tracer: Tracer,
  operation: MessagingOperation,
  options: OperationSpanOptions = {},
): StartedSpan {
  const extra: Parameters<typeof start>[3] = { startTime: options.startTime };
  if (options.links) extra.links = options.links;
  if (options.messageCount !== undefined) {
    extra.attributes = { [ATTR_MESSAGING_BATCH_MESSAGE_COUNT]: options.messageCount };
  }
  return start(tracer, operation, options.parent ?? context.active(), extra);
}

/**
 * A `process` span for one message. In `child` mode its parent is the message's creation context;
 * in `link` mode its parent is the consumer's own context and it links to the creation context,
 * given at creation so samplers see it. A message without a valid creation context gets neither.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function startMessageSpan(
  tracer: Tracer,
  operation: MessagingOperation,
  creation: Context | undefined,
  mode: PropagationModeName,
  options: StartSpanOptions & { linkAttributes?: Attributes | undefined } = {},
): StartedSpan {
  const active = options.parent ?? context.active();
  const creationSpan = creation ? trace.getSpanContext(creation) : undefined;
  if (!creation || !creationSpan) return start(tracer, operation, active, options);
  if (mode === 'child') return start(tracer, operation, creation, options);
  return start(tracer, operation, active, {
    startTime: options.startTime,
    pathway: options.pathway,
    links: [
      {
        context: creationSpan,
        ...(options.linkAttributes ? { attributes: options.linkAttributes } : {}),
      },
    ],
  });
}

/**
 * One message of a batch or pull: its creation context and what varies per message.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export interface BatchMessage {
  creation: SpanContext | undefined;
  /** Per-link attributes: message id, partition, offset, sequence number. */
  linkAttributes?: Attributes | undefined;
}

/**
 * Links beyond this are not built. The SDK would drop them anyway (its default link limit, which
 * `OTEL_SPAN_LINK_COUNT_LIMIT` changes, is 128), and building them costs per message.
 *
 * Without `env`, the process environment's value, read on the first call and kept: every batch
 * and pull span asks, and each `process.env` read is a call into Node's C++ environment lookup.
 * The SDK also reads the limit once, when its tracer provider is built.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function defaultMaxLinks(env?: NodeJS.ProcessEnv): number {
  if (env) return maxLinksIn(env);
  processMaxLinks ??= maxLinksIn(process.env);
  return processMaxLinks;
}

let processMaxLinks: number | undefined;

function maxLinksIn(env: NodeJS.ProcessEnv): number {
  const fromEnv = Number.parseInt(env.OTEL_SPAN_LINK_COUNT_LIMIT ?? '', 10);
  return Number.isFinite(fromEnv) && fromEnv >= 0 ? fromEnv : 128;
}

/**
 * One span for a batch (`eachBatch`) or a pull (`ReceiveMessage`, `GetRecords`, `get`) that
 * links to every message's creation context at creation, so samplers see the links. The count is
 * exact even when messages have no context or links are capped by `maxLinks`; a pull that can
 * only ever return one message (amqplib's `get`) is not a batch and passes `countMessages: false`.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function startBatchSpan(
  tracer: Tracer,
  operation: MessagingOperation,
  messages: readonly BatchMessage[],
  options: StartSpanOptions & { maxLinks?: number; countMessages?: boolean } = {},
): StartedSpan {
  const maxLinks = options.maxLinks ?? defaultMaxLinks();
  const links: Link[] = [];
  for (const message of messages) {
    if (links.length >= maxLinks) break;
    if (!message.creation) continue;
    links.push(
      message.linkAttributes
        ? { context: message.creation, attributes: message.linkAttributes }
        : { context: message.creation },
    );
  }
  return start(tracer, operation, options.parent ?? context.active(), {
    links,
    startTime: options.startTime,
    ...(options.countMessages === false
      ? {}
      : { attributes: { [ATTR_MESSAGING_BATCH_MESSAGE_COUNT]: messages.length } }),
  });
}

/**
 * `error.type` for anything thrown: the error's name or code, else `_OTHER`.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function errorTypeOf(error: unknown): string {
  if (error && typeof error === 'object') {
    const { name, code } = error as { name?: unknown; code?: unknown };
    if (typeof name === 'string' && name && name !== 'Error') return name;
    if (typeof code === 'string' && code) return code;
    if (typeof name === 'string' && name) return name;
  }
  return ERROR_TYPE_OTHER;
}

function describe(value: unknown): string {
  try {
    return String(value);
  } catch {
    // A thrown value whose toString throws (or a Symbol-keyed trap): say what it was, not more.
    return typeof value;
  }
}

/**
 * Marks a span failed the way the conventions ask: exception event, status and `error.type`.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function recordError(span: Span, error: unknown): void {
  const exception =
    error instanceof Error ? error : { name: errorTypeOf(error), message: describe(error) };
  span.recordException(exception);
  span.setStatus({ code: SpanStatusCode.ERROR, message: exception.message });
  span.setAttribute(ATTR_ERROR_TYPE, errorTypeOf(error));
}
