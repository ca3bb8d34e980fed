/**
 * Renders traces as text waterfalls: one block per trace, one line per span with its bar on the
 * trace's own time axis, children indented under their parent, and every link printed on both
 * ends (backward on the span that links, forward on the span it links to). Pure: spans in,
 * lines out, so it is tested with known trees.
 */

/** What the renderer needs of a span; an OTLP-received span has all of it. */
export interface WaterfallSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  serviceName: string;
  /** [seconds, nanoseconds] since the epoch. */
  startTime: [number, number];
  endTime: [number, number];
  links: { context: { traceId: string; spanId: string } }[];
}

export interface WaterfallOptions {
  /** Characters of the time axis. Default 40. */
  barWidth?: number;
  /** Wraps text for a terminal: `style('dim', text)`. Default: none. */
  style?: ((kind: 'dim' | 'bold' | 'link', text: string) => string) | undefined;
}

const nanos = ([s, ns]: [number, number]) => BigInt(s) * 1_000_000_000n + BigInt(ns);
const ms = (n: bigint) => Number(n) / 1e6;
const shortId = (id: string) => id.slice(0, 8);

export function formatDuration(durationMs: number): string {
  if (durationMs >= 1000) return `${(durationMs / 1000).toFixed(2)} s`;
  if (durationMs >= 10) return `${Math.round(durationMs)} ms`;
  return `${durationMs.toFixed(1)} ms`;
}

function earliest(spans: WaterfallSpan[]): bigint {
  let min = nanos(spans[0]?.startTime ?? [0, 0]);
  for (const span of spans) if (nanos(span.startTime) < min) min = nanos(span.startTime);
  return min;
}

interface Node {
  span: WaterfallSpan;
  children: Node[];
  /** The parent is in another process's export that never arrived. */
  orphan: boolean;
}

function byStart(a: Node, b: Node): number {
  const d = nanos(a.span.startTime) - nanos(b.span.startTime);
  return d < 0n ? -1 : d > 0n ? 1 : a.span.name.localeCompare(b.span.name);
}

function treesOf(spans: WaterfallSpan[]): Node[] {
  const nodes = new Map(
    spans.map((span) => [span.spanId, { span, children: [], orphan: false } as Node]),
  );
  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const parent = node.span.parentSpanId ? nodes.get(node.span.parentSpanId) : undefined;
    if (parent) parent.children.push(node);
    else {
      node.orphan = node.span.parentSpanId !== undefined;
      roots.push(node);
    }
  }
  const sort = (list: Node[]) => {
    list.sort(byStart);
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

function bar(start: bigint, end: bigint, origin: bigint, total: bigint, width: number): string {
  const column = (t: bigint) => (total === 0n ? 0 : Number(((t - origin) * BigInt(width)) / total));
  const from = Math.min(width - 1, column(start));
  const to = Math.max(from + 1, Math.min(width, column(end)));
  return `${' '.repeat(from)}${'█'.repeat(to - from)}${' '.repeat(width - to)}`;
}

/** The lines for all traces in `spans`, the traces ordered by when they started. */
export function renderWaterfall(spans: WaterfallSpan[], options: WaterfallOptions = {}): string[] {
  const width = options.barWidth ?? 40;
  const style = options.style ?? ((_kind, text) => text);
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  const linkedFrom = new Map<string, WaterfallSpan[]>();
  for (const span of spans) {
    for (const link of span.links) {
      const list = linkedFrom.get(link.context.spanId) ?? [];
      list.push(span);
      linkedFrom.set(link.context.spanId, list);
    }
  }
  const describe = (span: WaterfallSpan) =>
    `${span.serviceName}: ${span.name} (trace ${shortId(span.traceId)})`;

  const traces = new Map<string, WaterfallSpan[]>();
  for (const span of spans) {
    const list = traces.get(span.traceId) ?? [];
    list.push(span);
    traces.set(span.traceId, list);
  }
  const ordered = [...traces.values()].sort((a, b) => {
    const d = earliest(a) - earliest(b);
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  });

  const serviceWidth = Math.max(7, ...spans.map((s) => s.serviceName.length));
  const blocks = ordered.map((traceSpans) => {
    const rows: { label: string; node: Node }[] = [];
    const walk = (node: Node, depth: number) => {
      rows.push({ label: `${'  '.repeat(depth)}${node.span.name}`, node });
      for (const child of node.children) walk(child, depth + 1);
    };
    const roots = treesOf(traceSpans);
    for (const root of roots) walk(root, 0);
    return { traceSpans, roots, rows };
  });
  // One label column for every trace, so all bars line up down the page.
  const labelWidth = Math.max(0, ...blocks.flatMap((b) => b.rows.map((r) => r.label.length)));
  const lines: string[] = [];
  for (const { traceSpans, roots, rows } of blocks) {
    const origin = earliest(traceSpans);
    let last = origin;
    for (const span of traceSpans) if (nanos(span.endTime) > last) last = nanos(span.endTime);
    const total = last - origin;
    const head = roots[0]?.span;
    const count = `${traceSpans.length} span${traceSpans.length === 1 ? '' : 's'}`;
    lines.push(
      style(
        'bold',
        `trace ${shortId(head?.traceId ?? '')} · ${head?.serviceName}: ${head?.name} · ${count} · ${formatDuration(ms(total))}`,
      ),
    );
    const pad = ' '.repeat(serviceWidth + 2 + labelWidth + 1);
    const axisEnd = formatDuration(ms(total));
    const gap = ' '.repeat(Math.max(1, width - 4 - axisEnd.length));
    lines.push(style('dim', `${pad}|0 ms${gap}${axisEnd}|`));
    for (const { label, node } of rows) {
      const { span } = node;
      const start = nanos(span.startTime);
      const end = nanos(span.endTime);
      const orphan = node.orphan ? style('dim', '  (parent not collected)') : '';
      lines.push(
        `${span.serviceName.padEnd(serviceWidth)}  ${label.padEnd(labelWidth)} |${bar(start, end, origin, total, width)}| ${formatDuration(ms(end - start))}${orphan}`,
      );
      const indent = ' '.repeat(serviceWidth + 2 + (label.length - label.trimStart().length) + 2);
      for (const link of span.links) {
        const target = byId.get(link.context.spanId);
        const text = target
          ? describe(target)
          : `span ${shortId(link.context.spanId)} (trace ${shortId(link.context.traceId)}, not collected)`;
        lines.push(style('link', `${indent}↖ links to ${text}`));
      }
      for (const source of linkedFrom.get(span.spanId) ?? []) {
        lines.push(style('link', `${indent}↘ linked from ${describe(source)}`));
      }
    }
    lines.push('');
  }
  return lines;
}
