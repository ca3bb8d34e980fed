import { expect } from '@jest/globals';
import type { ReceivedSpan } from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import type { DemoOutput } from './demo';

/**
 * What a demo run with ORDERS orders must show, whichever Kafka client carried the orders: the
 * end-to-end suite asserts it for kafkajs, the Confluent suite for `--kafka-client confluent`.
 */
export const ORDERS = 2;

/** Every order took the same paths, and no hop swallowed one: the pathway table, from metrics. */
export function assertPathways({ pathways, resources }: DemoOutput): void {
  const payments = resources.paymentsQueueUrl.split('/').pop() ?? '';
  expect(pathways.map((p) => [p.hops, p.destination, p.produced, p.consumed, p.path])).toEqual([
    [1, resources.auditStream, ORDERS, ORDERS, `checkout ─${resources.auditStream}─▶ auditor`],
    [1, resources.ordersTopic, ORDERS, ORDERS, `checkout ─${resources.ordersTopic}─▶ fraud`],
    [
      2,
      payments,
      ORDERS,
      ORDERS,
      `checkout ─${resources.ordersTopic}─▶ fraud ─${payments}─▶ payments`,
    ],
    [
      3,
      resources.notificationsQueue,
      ORDERS,
      ORDERS,
      `checkout ─${resources.ordersTopic}─▶ fraud ─${payments}─▶ payments ─${resources.notificationsQueue}─▶ notifier`,
    ],
  ]);
  // Each later hop's messages started their pathway no later than the earlier hop's did.
  const [, first, second, third] = pathways.map((p) => p.mean ?? 0);
  expect(second).toBeGreaterThanOrEqual(first ?? 0);
  expect(third).toBeGreaterThanOrEqual(second ?? 0);
}

export function assertPipeline({ spans, resources }: DemoOutput): void {
  const orders = resources.ordersTopic;
  const payments = resources.paymentsQueueUrl.split('/').pop() ?? '';
  const notifications = resources.notificationsQueue;
  const audit = resources.auditStream;
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const one = (service: string, name: string, parent: ReceivedSpan | null): ReceivedSpan => {
    const found = spans.filter(
      (s) =>
        s.serviceName === service &&
        s.name === name &&
        (parent ? s.parentSpanId === parent.spanId : s.parentSpanId === undefined),
    );
    expect({ service, name, parent: parent?.name ?? null, count: found.length }).toEqual({
      service,
      name,
      parent: parent?.name ?? null,
      count: 1,
    });
    return found[0] as ReceivedSpan;
  };
  const linkedTo = (span: ReceivedSpan) => span.links.map((l) => byId.get(l.context.spanId));

  const orderSends: ReceivedSpan[] = [];
  const paymentSends: ReceivedSpan[] = [];
  const auditSends: ReceivedSpan[] = [];
  for (let i = 1; i <= ORDERS; i++) {
    // Child mode, one trace per order: checkout → Kafka → fraud → SQS → payments → RabbitMQ → notifier.
    const request = one('checkout', `POST /checkout order-${i}`, null);
    const send = one('checkout', `send ${orders}`, request);
    expect(send.kind).toBe(SpanKind.PRODUCER);
    orderSends.push(send);
    auditSends.push(one('checkout', `send ${audit}`, request));
    const fraud = one('fraud', `process ${orders}`, send);
    expect(fraud.kind).toBe(SpanKind.CONSUMER);
    // Scored in a piscina worker thread: the pool's task span, then the worker's own.
    const task = one('fraud', 'task fraud-score.js', fraud);
    expect(task.kind).toBe(SpanKind.INTERNAL);
    one('fraud', `score order-${i}`, task);
    const toPayments = one('fraud', `send ${payments}`, fraud);
    paymentSends.push(toPayments);
    const payment = one('payments', `process ${payments}`, toPayments);
    one('payments', `charge order-${i}`, payment);
    one('payments', `delete ${payments}`, payment);
    const publish = one('payments', `publish ${notifications}`, payment);
    const notice = one('notifier', `process ${notifications}`, publish);
    one('notifier', `email receipt order-${i}`, notice);
    for (const span of [send, fraud, toPayments, payment, publish, notice]) {
      expect(span.traceId).toBe(request.traceId);
    }
  }

  // eachBatch: batch spans are roots that link, at creation, to every order they carried.
  const batches = spans.filter((s) => s.name === `process ${orders}` && !s.parentSpanId);
  expect(batches.length).toBeGreaterThanOrEqual(1);
  for (const batch of batches) {
    expect(batch.attributes['messaging.batch.message_count']).toBe(batch.links.length);
  }
  expect(batches.flatMap(linkedTo).sort(byStart)).toEqual([...orderSends].sort(byStart));

  // SQS pulls: each receive span links to the messages it returned.
  const receives = spans.filter((s) => s.name === `receive ${payments}`);
  expect(receives.flatMap(linkedTo).sort(byStart)).toEqual([...paymentSends].sort(byStart));

  // Link mode on the audit stream: each record's process span is a root of its own trace,
  // linked to the one checkout send that wrote it.
  const audits = spans.filter((s) => s.name === `process ${audit}`);
  expect(audits).toHaveLength(ORDERS);
  for (const span of audits) {
    expect(span.parentSpanId).toBeUndefined();
    expect(span.links).toHaveLength(1);
    expect(auditSends).toContain(linkedTo(span)[0]);
    expect(span.traceId).not.toBe(linkedTo(span)[0]?.traceId);
    expect(spans.filter((s) => s.parentSpanId === span.spanId).map((s) => s.name)).toEqual([
      expect.stringMatching(/^store audit entry order-\d$/),
    ]);
  }
  expect(new Set(audits.map((s) => s.links[0]?.context.spanId)).size).toBe(ORDERS);
  const pulls = spans.filter((s) => s.name === `receive ${audit}`);
  expect(pulls.flatMap(linkedTo).sort(byStart)).toEqual([...auditSends].sort(byStart));
}

function byStart(a: ReceivedSpan | undefined, b: ReceivedSpan | undefined): number {
  return (a?.spanId ?? '').localeCompare(b?.spanId ?? '');
}
