import {
  type Context,
  context,
  isSpanContextValid,
  propagation,
  type SpanContext,
  type TextMapGetter,
  trace,
} from '@opentelemetry/api';
import { reportInternalError } from './guard.js';

/**
 * The fields the global propagator (W3C, B3, X-Ray, a vendor's: whatever the user configured)
 * writes for `ctx`, as a fresh object: what a carrier-specific injector then copies into a
 * message.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function contextCarrier(ctx: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  try {
    propagation.inject(ctx, carrier);
  } catch (error) {
    reportInternalError('propagation.inject', error);
  }
  return carrier;
}

/**
 * A message's creation context, and its span context when it has a valid one.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export interface ExtractedContext {
  context: Context;
  spanContext: SpanContext | undefined;
}

/**
 * Reads a message's creation context with the global propagator. Broker input is untrusted: a
 * propagator that throws on it, or a span context that is not valid, yields no span context.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function extractContext<Carrier>(
  carrier: Carrier,
  getter: TextMapGetter<Carrier>,
  base: Context = context.active(),
): ExtractedContext {
  try {
    const extracted = propagation.extract(base, carrier, getter);
    const spanContext = trace.getSpanContext(extracted);
    if (
      spanContext &&
      spanContext !== trace.getSpanContext(base) &&
      isSpanContextValid(spanContext)
    ) {
      return { context: extracted, spanContext };
    }
    return { context: extracted, spanContext: undefined };
  } catch (error) {
    reportInternalError('propagation.extract', error);
    return { context: base, spanContext: undefined };
  }
}

/**
 * Extraction from a plain string map (JSON bodies, worker messages).
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export const recordGetter: TextMapGetter<Readonly<Record<string, string>> | undefined> = {
  keys: (carrier) => (carrier ? Object.keys(carrier) : []),
  get: (carrier, key) => (carrier && Object.hasOwn(carrier, key) ? carrier[key] : undefined),
};
