import { describe, expect, it } from '@jest/globals';
import { type ReceivedSpan, withoutLibraryWarnings } from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import { runDemo } from '../../src/demo';

const ORDERS = 12;

describe('the demo in link mode under the link-aware sampler', () => {
  it('keeps each order with everything downstream that links to it, and nothing that links only to dropped orders', async () => {
    const { result, demo } = await runDemo(ORDERS, {
      MSGTRACE_PROPAGATION_MODE: 'link',
      OTEL_TRACES_SAMPLER: 'parentbased_links_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.5',
    });
    expect(withoutLibraryWarnings(result.stderr)).toBe('');
    expect(result.code).toBe(0);
    expect(demo.services.every((s) => s.code === 0)).toBe(true);
    const { spans } = demo;
    const collected = new Set(spans.map((s) => s.spanId));
    const linkedFrom = new Set(spans.flatMap((s) => s.links.map((l) => l.context.spanId)));

    // About half of the orders are kept (at least one, or the test proves nothing).
    const orders = spans.filter((s) => s.name.startsWith('POST /checkout order-'));
    expect(orders.length).toBeGreaterThanOrEqual(1);

    // Every consumer root that links (batch, pull, link-mode process span) links to a collected
    // producer: no kept trace points only at dropped ones.
    const linkingRoots = spans.filter((s) => !s.parentSpanId && s.links.length > 0);
    expect(linkingRoots.length).toBeGreaterThanOrEqual(orders.length);
    const orphans = linkingRoots.filter(
      (s) => !s.links.some((l) => collected.has(l.context.spanId)),
    );
    expect(orphans.map(label)).toEqual([]);

    // Every collected producer span — order, audit event, payment request, notification — is
    // linked from a collected consumer span: no kept message lost its consumer.
    const producers = spans.filter((s) => s.kind === SpanKind.PRODUCER);
    expect(producers.length).toBeGreaterThanOrEqual(orders.length * 2);
    const lonely = producers.filter((s) => !linkedFrom.has(s.spanId));
    expect(lonely.map(label)).toEqual([]);
    expect(result.stdout).toMatch(/\d+ links \(\d+ to spans not collected\)/);
  });
});

function label(span: ReceivedSpan): string {
  return `${span.serviceName}: ${span.name}`;
}
