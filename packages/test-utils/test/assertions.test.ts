import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { assertSpan, formatSpanTree, onlySpan } from '../src/assertions';
import { setupTestTelemetry } from '../src/in-memory';

const telemetry = setupTestTelemetry();
const tracer = trace.getTracer('test');

afterAll(() => telemetry.shutdown());
beforeEach(() => telemetry.reset());

/** A producer span whose context travels through a header map to a child and a linking span. */
function producerAndConsumers() {
  const headers: Record<string, string> = {};
  const send = tracer.startSpan('send orders', { kind: SpanKind.PRODUCER });
  propagation.inject(trace.setSpan(context.active(), send), headers);
  send.end();
  const creation = trace.getSpanContext(propagation.extract(context.active(), headers));
  if (!creation) throw new Error('no context extracted');
  tracer
    .startSpan(
      'process orders',
      { kind: SpanKind.CONSUMER, attributes: { 'messaging.system': 'kafka' } },
      trace.setSpanContext(context.active(), creation),
    )
    .end();
  tracer
    .startSpan('receive orders', {
      kind: SpanKind.CLIENT,
      links: [{ context: creation, attributes: { 'messaging.message.id': '7' } }],
    })
    .end();
  return telemetry.spans();
}

describe('assertSpan', () => {
  it('accepts a span that matches name, kind, parent, links and attributes', () => {
    const spans = producerAndConsumers();
    const send = onlySpan(spans, 'send orders');
    assertSpan(onlySpan(spans, 'process orders'), {
      kind: SpanKind.CONSUMER,
      parent: send,
      attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': undefined },
      status: SpanStatusCode.UNSET,
    });
    assertSpan(onlySpan(spans, 'receive orders'), {
      parent: null,
      links: [{ to: send, attributes: { 'messaging.message.id': '7' } }],
    });
  });

  it('reports every mismatch at once', () => {
    const spans = producerAndConsumers();
    const send = onlySpan(spans, 'send orders');
    expect(() =>
      assertSpan(onlySpan(spans, 'process orders'), {
        kind: SpanKind.PRODUCER,
        parent: null,
        attributes: { 'messaging.system': 'rabbitmq' },
      }),
    ).toThrow(/kind is CONSUMER[\s\S]*expected a root span[\s\S]*messaging.system = "kafka"/);
    expect(() =>
      assertSpan(onlySpan(spans, 'receive orders'), {
        links: [{ to: send, attributes: { 'messaging.message.id': /^8$/ } }, { to: send }],
      }),
    ).toThrow(/has 1 links, expected 2[\s\S]*does not match/);
  });

  it('fails when a span is missing or ambiguous', () => {
    const spans = producerAndConsumers();
    expect(() => onlySpan(spans, 'publish orders')).toThrow(/found 0/);
    expect(() => onlySpan([...spans, ...spans], 'send orders')).toThrow(/found 2/);
  });

  it('draws the span tree', () => {
    const tree = formatSpanTree(producerAndConsumers());
    expect(tree).toMatch(/^send orders \[PRODUCER\].* root\n {2}process orders \[CONSUMER\]/);
    expect(tree).toMatch(/receive orders \[CLIENT\].* root links=1/);
  });
});
