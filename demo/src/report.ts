import type { ServiceResult } from './services.js';
import type { WaterfallOptions, WaterfallSpan } from './waterfall.js';

const ANSI = {
  dim: ['\x1b[2m', '\x1b[22m'],
  bold: ['\x1b[1m', '\x1b[22m'],
  link: ['\x1b[36m', '\x1b[39m'],
} as const;

/** ANSI styles on a terminal that wants them (NO_COLOR is honoured), plain text otherwise. */
export function terminalStyle(isTty: boolean | undefined): WaterfallOptions['style'] {
  if (!isTty || process.env.NO_COLOR) return undefined;
  return (kind, text) => `${ANSI[kind][0]}${text}${ANSI[kind][1]}`;
}

/** The closing lines: what ran, how many traces and links, how long it took. */
export function summarize(
  spans: WaterfallSpan[],
  results: ServiceResult[],
  wallMs: number,
): string[] {
  const traces = new Set(spans.map((s) => s.traceId)).size;
  const links = spans.reduce((n, s) => n + s.links.length, 0);
  // Under a sampler, links whose other end was dropped: the linked sets that are not complete.
  const collected = new Set(spans.map((s) => s.spanId));
  const dangling = spans.reduce(
    (n, s) => n + s.links.filter((link) => !collected.has(link.context.spanId)).length,
    0,
  );
  const services = results.map(
    (r) => `${r.name} ${r.code === 0 ? 'ok' : (r.signal ?? `exit ${r.code}`)}`,
  );
  return [
    `services: ${services.join(', ')}`,
    `${spans.length} spans in ${traces} traces, ${links} links (${dangling} to spans not collected); demo took ${(wallMs / 1000).toFixed(1)} s`,
  ];
}

/**
 * The spans worth drawing: pulls that returned nothing (an SQS long poll or a Kinesis GetRecords
 * before the first record arrived) are real spans, but a trace each of empty waiting buries the
 * pipeline. The JSON output keeps them.
 */
export function withoutEmptyPolls<T extends WaterfallSpan & { name: string }>(spans: T[]): T[] {
  const parents = new Set(spans.map((s) => s.parentSpanId));
  return spans.filter(
    (s) => !(s.name.startsWith('receive ') && s.links.length === 0 && !parents.has(s.spanId)),
  );
}
