import { describe, expect, it } from '@jest/globals';
import { createContextKey, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { ValueContext } from '../src/pipelines/value-context';

const A = createContextKey('value-context-test.a');
const B = createContextKey('value-context-test.b');

describe('ValueContext', () => {
  it('reads, sets and deletes values as the API context does', () => {
    const parent = ROOT_CONTEXT.setValue(B, 'b');
    const ctx = ValueContext.of(parent, A, 'a');
    const plain = parent.setValue(A, 'a');
    for (const [with1, without] of [
      [ctx, plain],
      [ctx.setValue(B, 'b2'), plain.setValue(B, 'b2')],
      [ctx.setValue(A, 'a2'), plain.setValue(A, 'a2')],
      [ctx.deleteValue(A), plain.deleteValue(A)],
      [ctx.deleteValue(B), plain.deleteValue(B)],
      [ValueContext.of(ctx, A, 'a3'), plain.setValue(A, 'a3')],
    ] as const) {
      expect(with1.getValue(A)).toBe(without.getValue(A));
      expect(with1.getValue(B)).toBe(without.getValue(B));
    }
    expect(parent.getValue(A)).toBeUndefined();
  });

  it('carries a span set on top of it, and keeps its value under the span', () => {
    const span = trace.wrapSpanContext({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: 1,
    });
    const ctx = trace.setSpan(ValueContext.of(ROOT_CONTEXT, A, 'a'), span);
    expect(trace.getSpan(ctx)).toBe(span);
    expect(ctx.getValue(A)).toBe('a');
    expect(trace.getSpan(trace.deleteSpan(ctx))).toBeUndefined();
  });

  it('never stacks: setting its key again replaces the layer', () => {
    const once = ValueContext.of(ROOT_CONTEXT, A, 1);
    const twice = ValueContext.of(once, A, 2) as unknown as { parent: unknown };
    expect(twice.parent).toBe(ROOT_CONTEXT);
  });
});
