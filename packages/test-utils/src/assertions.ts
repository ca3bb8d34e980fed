import { AssertionError, deepStrictEqual } from 'node:assert';
import {
  type Attributes,
  type AttributeValue,
  SpanKind,
  type SpanStatusCode,
} from '@opentelemetry/api';
import type { PlainSpan, PlainSpanContext } from './plain-span.js';

type SpanRef = Pick<PlainSpan, 'traceId' | 'spanId'> | PlainSpanContext;

/**
 * Expected attribute values. `undefined` means the attribute must be absent; a RegExp matches a
 * string value; anything else must be deeply equal. Attributes not named are not checked.
 */
export type ExpectedAttributes = Record<string, AttributeValue | RegExp | undefined>;

export interface ExpectedLink {
  /** The span (or span context) the link points to. */
  to: SpanRef;
  attributes?: ExpectedAttributes;
}

export interface ExpectedSpan {
  name?: string;
  kind?: SpanKind;
  /** The parent span; `null` for a root span. */
  parent?: SpanRef | null;
  /** Every link, in order; the span must have exactly these. */
  links?: ExpectedLink[];
  attributes?: ExpectedAttributes;
  status?: SpanStatusCode;
}

const KIND_NAMES: Record<SpanKind, string> = {
  [SpanKind.INTERNAL]: 'INTERNAL',
  [SpanKind.SERVER]: 'SERVER',
  [SpanKind.CLIENT]: 'CLIENT',
  [SpanKind.PRODUCER]: 'PRODUCER',
  [SpanKind.CONSUMER]: 'CONSUMER',
};

function describeSpan(span: PlainSpan): string {
  return `${span.name} [${KIND_NAMES[span.kind]}] ${span.traceId.slice(0, 8)}/${span.spanId}${
    span.parentSpanId ? ` parent=${span.parentSpanId}` : ' root'
  }${span.links.length ? ` links=${span.links.length}` : ''}`;
}

/** The spans as an indented tree, for failure messages and debugging. */
export function formatSpanTree(spans: readonly PlainSpan[]): string {
  const ids = new Set(spans.map((s) => s.spanId));
  const lines: string[] = [];
  const visit = (span: PlainSpan, depth: number) => {
    lines.push(`${'  '.repeat(depth)}${describeSpan(span)}`);
    for (const child of spans.filter((s) => s.parentSpanId === span.spanId))
      visit(child, depth + 1);
  };
  for (const top of spans.filter((s) => !s.parentSpanId || !ids.has(s.parentSpanId))) visit(top, 0);
  return lines.join('\n');
}

export function spansNamed(spans: readonly PlainSpan[], name: string): PlainSpan[] {
  return spans.filter((span) => span.name === name);
}

/** The one span with this name; fails when there is none or more than one. */
export function onlySpan(spans: readonly PlainSpan[], name: string): PlainSpan {
  const found = spansNamed(spans, name);
  if (found.length !== 1) {
    throw new AssertionError({
      message: `expected exactly one span named "${name}", found ${found.length}:\n${formatSpanTree(spans)}`,
    });
  }
  return found[0] as PlainSpan;
}

export function childrenOf(spans: readonly PlainSpan[], parent: SpanRef): PlainSpan[] {
  return spans.filter(
    (span) => span.traceId === parent.traceId && span.parentSpanId === parent.spanId,
  );
}

function checkAttributes(
  actual: Attributes,
  expected: ExpectedAttributes,
  where: string,
  problems: string[],
) {
  for (const [key, want] of Object.entries(expected)) {
    const got = actual[key];
    if (want === undefined) {
      if (key in actual)
        problems.push(`${where}: ${key} should be absent, is ${JSON.stringify(got)}`);
    } else if (want instanceof RegExp) {
      if (typeof got !== 'string' || !want.test(got)) {
        problems.push(`${where}: ${key} = ${JSON.stringify(got)} does not match ${want}`);
      }
    } else {
      try {
        deepStrictEqual(got, want);
      } catch {
        problems.push(
          `${where}: ${key} = ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`,
        );
      }
    }
  }
}

/**
 * Checks a messaging span: name, kind, parent, exact links (with their attributes) and the named
 * attributes. Collects every mismatch into one failure, with the span's description.
 */
export function assertSpan(span: PlainSpan, expected: ExpectedSpan): void {
  const problems: string[] = [];
  if (expected.name !== undefined && span.name !== expected.name) {
    problems.push(`name is "${span.name}", expected "${expected.name}"`);
  }
  if (expected.kind !== undefined && span.kind !== expected.kind) {
    problems.push(`kind is ${KIND_NAMES[span.kind]}, expected ${KIND_NAMES[expected.kind]}`);
  }
  if (expected.parent === null && span.parentSpanId !== undefined) {
    problems.push(`expected a root span, parent is ${span.parentSpanId}`);
  } else if (expected.parent) {
    if (span.traceId !== expected.parent.traceId || span.parentSpanId !== expected.parent.spanId) {
      problems.push(
        `parent is ${span.traceId}/${span.parentSpanId ?? '(none)'}, expected ${expected.parent.traceId}/${expected.parent.spanId}`,
      );
    }
  }
  if (expected.links) {
    if (span.links.length !== expected.links.length) {
      problems.push(`has ${span.links.length} links, expected ${expected.links.length}`);
    }
    expected.links.forEach((want, i) => {
      const link = span.links[i];
      if (!link) return;
      if (link.context.traceId !== want.to.traceId || link.context.spanId !== want.to.spanId) {
        problems.push(
          `link ${i} points to ${link.context.traceId}/${link.context.spanId}, expected ${want.to.traceId}/${want.to.spanId}`,
        );
      }
      if (want.attributes) checkAttributes(link.attributes, want.attributes, `link ${i}`, problems);
    });
  }
  if (expected.attributes)
    checkAttributes(span.attributes, expected.attributes, 'attribute', problems);
  if (expected.status !== undefined && span.status.code !== expected.status) {
    problems.push(`status is ${span.status.code}, expected ${expected.status}`);
  }
  if (problems.length > 0) {
    throw new AssertionError({
      message: `span ${describeSpan(span)}:\n  ${problems.join('\n  ')}`,
    });
  }
}
