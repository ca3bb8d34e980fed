import { describe, expect, it } from '@jest/globals';
import { summarize, withoutEmptyPolls } from '../src/report';
import { formatDuration, renderWaterfall, type WaterfallSpan } from '../src/waterfall';

const at = (ms: number): [number, number] => [
  1_700_000_000 + Math.floor(ms / 1000),
  (ms % 1000) * 1e6,
];

function span(
  id: string,
  trace: string,
  name: string,
  service: string,
  from: number,
  to: number,
  extra: Partial<WaterfallSpan> = {},
): WaterfallSpan {
  return {
    spanId: id.padEnd(16, '0'),
    traceId: trace.padEnd(32, '0'),
    name,
    serviceName: service,
    startTime: at(from),
    endTime: at(to),
    links: [],
    ...extra,
  };
}

const checkout = span('c1', 'aaaa1111', 'checkout order-1', 'checkout', 0, 100);
const send = span('c2', 'aaaa1111', 'send orders', 'checkout', 10, 20, {
  parentSpanId: checkout.spanId,
});
const process = span('f1', 'aaaa1111', 'process orders', 'fraud', 30, 80, {
  parentSpanId: send.spanId,
});
const batch = span('b1', 'bbbb2222', 'process orders', 'fraud', 1025, 1075, {
  links: [
    { context: { traceId: send.traceId, spanId: send.spanId } },
    { context: { traceId: 'cccc3333'.padEnd(32, '0'), spanId: 'dead'.padEnd(16, '0') } },
  ],
});

describe('renderWaterfall', () => {
  it('draws each trace on its own axis, nests children, and shows every link from both ends', () => {
    // Given out of order, as exports arrive.
    const lines = renderWaterfall([batch, process, send, checkout], { barWidth: 20 });
    expect(lines).toEqual([
      'trace aaaa1111 · checkout: checkout order-1 · 3 spans · 100 ms',
      '                             |0 ms          100 ms|',
      'checkout  checkout order-1   |████████████████████| 100 ms',
      'checkout    send orders      |  ██                | 10 ms',
      '              ↘ linked from fraud: process orders (trace bbbb2222)',
      'fraud         process orders |      ██████████    | 50 ms',
      '',
      'trace bbbb2222 · fraud: process orders · 1 span · 50 ms',
      '                             |0 ms           50 ms|',
      'fraud     process orders     |████████████████████| 50 ms',
      '            ↖ links to checkout: send orders (trace aaaa1111)',
      '            ↖ links to span dead0000 (trace cccc3333, not collected)',
      '',
    ]);
  });

  it('marks a span whose parent never arrived, and keeps a zero-length trace drawable', () => {
    const lonely = span('x1', 'dddd4444', 'process notifications', 'notifier', 5, 5, {
      parentSpanId: 'missing'.padEnd(16, '0'),
    });
    const lines = renderWaterfall([lonely], {
      barWidth: 10,
      style: (kind, text) => (kind === 'dim' ? `<${text}>` : text),
    });
    expect(lines[2]).toBe(
      'notifier  process notifications |█         | 0.0 ms<  (parent not collected)>',
    );
  });

  it('returns nothing for no spans', () => {
    expect(renderWaterfall([])).toEqual([]);
  });
});

describe('formatDuration', () => {
  it('keeps three significant figures or so', () => {
    expect(formatDuration(0.42)).toBe('0.4 ms');
    expect(formatDuration(12.6)).toBe('13 ms');
    expect(formatDuration(1234)).toBe('1.23 s');
  });
});

describe('withoutEmptyPolls', () => {
  it('drops receive spans that linked to nothing and have no children, and keeps the rest', () => {
    const empty = span('e1', 'eeee5555', 'receive payments', 'payments', 0, 1000);
    const full = span('e2', 'ffff6666', 'receive payments', 'payments', 0, 10, {
      links: [{ context: { traceId: send.traceId, spanId: send.spanId } }],
    });
    expect(withoutEmptyPolls([empty, full, send])).toEqual([full, send]);
  });
});

describe('summarize', () => {
  it('counts the links whose other end was not collected (dropped by a sampler)', () => {
    const send = span('s1', 'aaaa1111', 'send orders', 'checkout', 0, 10);
    const kept = span('p1', 'bbbb2222', 'process orders', 'fraud', 20, 30, {
      links: [{ context: { traceId: send.traceId, spanId: send.spanId } }],
    });
    const dangling = span('p2', 'cccc3333', 'process orders', 'fraud', 20, 30, {
      links: [{ context: { traceId: 'dddd4444'.padEnd(32, '0'), spanId: 'dead'.padEnd(16, '0') } }],
    });
    const results = [{ name: 'fraud', code: 0, signal: null, output: '' }];
    expect(summarize([send, kept, dangling], results, 1500)).toEqual([
      'services: fraud ok',
      '3 spans in 3 traces, 2 links (1 to spans not collected); demo took 1.5 s',
    ]);
  });
});
