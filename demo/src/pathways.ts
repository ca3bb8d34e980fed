import type { PlainHistogram, ReceivedMetricPoint } from '@msgtrace/test-utils';

/**
 * The pathway table printed after the waterfalls: one row per pathway edge, from the
 * `msgtrace.pathway.*` metrics the services exported over OTLP (docs/pipelines.md) — sampled or
 * not, these count every message.
 */
export interface PathwayRow {
  id: string;
  hops: number;
  /** The path up to and including this edge: `checkout ─orders─▶ fraud ─payments─▶ payments`. */
  path: string;
  destination: string;
  produced: number;
  consumed: number;
  /** Mean end-to-end latency at the consumers of this edge, in seconds (exact: sum / count). */
  mean: number | undefined;
  /** Its median and 99th percentile, in seconds, estimated from the histogram's buckets. */
  p50: number | undefined;
  p99: number | undefined;
}

const ID = 'msgtrace.pathway.id';
const PARENT = 'msgtrace.pathway.parent.id';

/** The `q` quantile of a histogram, interpolated linearly inside its bucket. */
export function quantile(histogram: PlainHistogram, q: number): number | undefined {
  if (histogram.count === 0) return undefined;
  const rank = q * histogram.count;
  let below = 0;
  for (let i = 0; i < histogram.counts.length; i++) {
    const inBucket = histogram.counts[i] ?? 0;
    if (below + inBucket >= rank && inBucket > 0) {
      const low = i === 0 ? 0 : (histogram.boundaries[i - 1] ?? 0);
      const high = histogram.boundaries[i] ?? low;
      return low + ((high - low) * (rank - below)) / inBucket;
    }
    below += inBucket;
  }
  return histogram.boundaries.at(-1);
}

function merged(histograms: PlainHistogram[]): PlainHistogram | undefined {
  const [first, ...rest] = histograms;
  if (!first) return undefined;
  return rest.reduce(
    (sum, h) => ({
      count: sum.count + h.count,
      sum: sum.sum + h.sum,
      boundaries: sum.boundaries,
      counts: sum.counts.map((c, i) => c + (h.counts[i] ?? 0)),
    }),
    first,
  );
}

/** One row per pathway edge seen produced or consumed, shortest paths first. */
export function pathwayRows(points: readonly ReceivedMetricPoint[]): PathwayRow[] {
  const named = (name: string) => points.filter((p) => p.name === name && p.attributes[ID]);
  const produced = named('msgtrace.pathway.produced');
  const consumed = named('msgtrace.pathway.consumed');
  const latency = named('msgtrace.pathway.latency');
  const ids = [...new Set([...produced, ...consumed].map((p) => String(p.attributes[ID])))];
  const of = (list: ReceivedMetricPoint[], id: string) =>
    list.filter((p) => p.attributes[ID] === id);
  const sum = (list: ReceivedMetricPoint[]) =>
    list.reduce((n, p) => n + (typeof p.value === 'number' ? p.value : 0), 0);
  const consumers = (id: string) =>
    [...new Set(of(consumed, id).map((p) => p.serviceName))].join(',') || '?';

  const pathTo = (id: string, seen = new Set<string>()): string => {
    const edge = of(produced, id)[0];
    const destination = String(edge?.attributes['messaging.destination.name'] ?? '?');
    const hop = `─${destination}─▶ ${consumers(id)}`;
    if (!edge) return `? ${hop}`;
    const parent = edge.attributes[PARENT];
    if (typeof parent !== 'string' || seen.has(parent)) return `${edge.serviceName} ${hop}`;
    seen.add(id);
    return `${pathTo(parent, seen)} ${hop}`;
  };

  return ids
    .map((id): PathwayRow => {
      const sample = of(produced, id)[0] ?? of(consumed, id)[0];
      const histogram = merged(
        of(latency, id).flatMap((p) => (typeof p.value === 'number' ? [] : [p.value])),
      );
      return {
        id,
        hops: Number(sample?.attributes['msgtrace.pathway.hops'] ?? 0),
        path: pathTo(id),
        destination: String(sample?.attributes['messaging.destination.name'] ?? ''),
        produced: sum(of(produced, id)),
        consumed: sum(of(consumed, id)),
        mean: histogram?.count ? histogram.sum / histogram.count : undefined,
        p50: histogram ? quantile(histogram, 0.5) : undefined,
        p99: histogram ? quantile(histogram, 0.99) : undefined,
      };
    })
    .sort((a, b) => a.hops - b.hops || a.path.localeCompare(b.path));
}

const ms = (seconds: number | undefined) =>
  seconds === undefined ? '—' : `${(seconds * 1000).toFixed(0)} ms`;

/** The table as text lines, with the heading. */
export function renderPathways(rows: readonly PathwayRow[]): string[] {
  if (rows.length === 0) {
    return ['pathways: no msgtrace.pathway.* metrics received (is MSGTRACE_PIPELINES=true set?)'];
  }
  const header = ['pathway', 'hops', 'produced', 'consumed', 'mean e2e', 'p50', 'p99', 'path'];
  const cells = rows.map((r) => [
    r.id.slice(0, 8),
    String(r.hops),
    String(r.produced),
    String(r.consumed),
    ms(r.mean),
    ms(r.p50),
    ms(r.p99),
    r.path,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) =>
    c.map((cell, i) => (i === c.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ');
  return [
    'pathways: every message, sampled or not; end-to-end latency from the first produce (p50/p99 estimated from histogram buckets)',
    line(header),
    ...cells.map(line),
  ];
}
