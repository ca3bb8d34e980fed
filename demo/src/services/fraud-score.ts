/**
 * The fraud score, run in a piscina worker thread by the fraud service: CPU-bound work is what
 * pools are for. Nothing here knows about tracing either: the worker thread inherits the register
 * entry, and the span below lands in the order's trace under the pool's `task` span.
 */
import { trace } from '@opentelemetry/api';
import type { Order } from './config.js';

const tracer = trace.getTracer('demo-fraud');

export default function score(order: Order): { id: string; score: number } {
  const span = tracer.startSpan(`score ${order.id}`);
  // A stand-in for a model: a checksum of the order, as a risk score from 0 to 99.
  let sum = 0;
  for (const char of JSON.stringify(order)) sum = (sum * 31 + char.charCodeAt(0)) % 1_000_003;
  span.setAttribute('fraud.score', sum % 100);
  span.end();
  return { id: order.id, score: sum % 100 };
}
