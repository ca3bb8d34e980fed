/**
 * Core carrier micro-benchmark: inject / extract per carrier, and the Kinesis JSON-body splice
 * and strip against the parse-and-re-serialize approach other tracers take, on 1 KiB, 64 KiB and
 * 900 KiB records. Run with `pnpm bench:core`; prints ns/op and ratios from one run.
 */
import {
  contextCarrier,
  extractContext,
  extractSqsMessageContext,
  formatXRayTraceHeader,
  injectIntoHeaders,
  injectIntoSqsMessage,
  parseXRayTraceHeader,
  recordHeadersGetter,
} from '@msgtrace/core';
import { context, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { formatNs, markdownTable, measure } from './harness.js';
import { kinesisBodyRows } from './kinesis/body-bench.js';

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
propagation.setGlobalPropagator(new W3CTraceContextPropagator());

const spanContext = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  traceFlags: 1,
};
const active = trace.setSpanContext(ROOT_CONTEXT, spanContext);
const carrier = contextCarrier(active);

const rows: string[][] = [];
const row = (group: string, name: string, ns: number, baseline?: number) =>
  rows.push([group, name, formatNs(ns), baseline ? `${(baseline / ns).toFixed(1)}× faster` : '']);

// Record headers (Kafka, RabbitMQ)
const kafkaHeaders = { 'x-app': Buffer.from('checkout'), 'x-retry': '0' };
const wireHeaders = { ...kafkaHeaders, traceparent: Buffer.from(carrier.traceparent ?? '') };
row(
  'headers',
  'inject (carrier + copy)',
  measure('h-inject', () => injectIntoHeaders(kafkaHeaders, contextCarrier(active))).nsPerOp,
);
row(
  'headers',
  'extract (Buffer values)',
  measure('h-extract', () => extractContext(wireHeaders, recordHeadersGetter, ROOT_CONTEXT))
    .nsPerOp,
);

// SQS message attributes, and the AWSTraceHeader fallback
const attributes = {
  a: { DataType: 'String', StringValue: 'one' },
  b: { DataType: 'Number', StringValue: '2' },
  c: { DataType: 'Binary', BinaryValue: Buffer.from('three') },
};
const full = Object.fromEntries(
  Array.from({ length: 10 }, (_, i) => [`attr${i}`, { DataType: 'String', StringValue: `v${i}` }]),
);
const body = 'x'.repeat(1024);
row(
  'sqs',
  'inject (3 attributes present)',
  measure('s-inject', () =>
    injectIntoSqsMessage(
      { body, messageAttributes: attributes },
      contextCarrier(active),
      spanContext,
    ),
  ).nsPerOp,
);
row(
  'sqs',
  'inject (10 present → AWSTraceHeader)',
  measure('s-inject-full', () =>
    injectIntoSqsMessage({ body, messageAttributes: full }, contextCarrier(active), spanContext),
  ).nsPerOp,
);
const received = {
  MessageAttributes: {
    ...attributes,
    traceparent: { DataType: 'String', StringValue: carrier.traceparent },
  },
};
row(
  'sqs',
  'extract (message attributes)',
  measure('s-extract', () => extractSqsMessageContext(received, ROOT_CONTEXT)).nsPerOp,
);
const header = formatXRayTraceHeader(spanContext);
row(
  'sqs',
  'extract (AWSTraceHeader only)',
  measure('s-extract-xray', () =>
    extractSqsMessageContext({ Attributes: { AWSTraceHeader: header } }, ROOT_CONTEXT),
  ).nsPerOp,
);
row('x-ray', 'format', measure('x-format', () => formatXRayTraceHeader(spanContext)).nsPerOp);
row('x-ray', 'parse', measure('x-parse', () => parseXRayTraceHeader(header)).nsPerOp);

// Kinesis JSON body: splice / strip vs parse + re-serialize
rows.push(...kinesisBodyRows(carrier));

console.log(`\n@msgtrace/core carriers, Node ${process.version}, one run (median of 7 rounds)\n`);
console.log(markdownTable(['carrier', 'operation', 'time/op', 'vs parse + stringify'], rows));
