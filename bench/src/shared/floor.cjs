// The floor: what a careful user writes by hand with the public OpenTelemetry API when no
// instrumentation is loaded — per message one producer span with the required attributes,
// propagation.inject into the carrier, and one consumer span whose parent comes from
// propagation.extract. Workloads call these hooks on every message; unless BENCH_FLOOR=1 they
// are pass-throughs, so the other variants pay a function call and nothing else.
const { context, propagation, SpanKind, trace } = require('@opentelemetry/api');

const enabled = process.env.BENCH_FLOOR === '1';
const tracer = trace.getTracer('bench-floor');

/** Reads text carriers whose values may arrive as Buffers (Kafka headers, AMQP tables). */
const textGetter = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    return value === undefined || typeof value === 'string' ? value : String(value);
  },
};

/**
 * Starts the producer span of one message and injects its context into a fresh carrier object
 * (the caller's own headers are copied, never written). Returns the carrier and the span.
 */
function produce(name, attributes, headers) {
  const span = tracer.startSpan(name, { kind: SpanKind.PRODUCER, attributes });
  const carrier = { ...headers };
  propagation.inject(trace.setSpan(context.active(), span), carrier);
  return { carrier, span };
}

/** Runs fn in the consumer span of one message, parented on the context the carrier holds. */
function consume(name, attributes, carrier, fn) {
  const parent = propagation.extract(context.active(), carrier ?? {}, textGetter);
  const span = tracer.startSpan(name, { kind: SpanKind.CONSUMER, attributes }, parent);
  try {
    return context.with(trace.setSpan(parent, span), fn);
  } finally {
    span.end();
  }
}

/** Same as consume, for an async handler: the span ends when its promise settles. */
async function consumeAsync(name, attributes, carrier, fn) {
  const parent = propagation.extract(context.active(), carrier ?? {}, textGetter);
  const span = tracer.startSpan(name, { kind: SpanKind.CONSUMER, attributes }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), fn);
  } finally {
    span.end();
  }
}

module.exports = { consume, consumeAsync, enabled, produce };
