/**
 * The Kinesis JSON-body carrier against the parse-and-re-serialize approach other tracers take,
 * on 1 KiB, 64 KiB and 900 KiB records: splice in (producer), detect + strip (consumer), and
 * detect on a record without the key. Shared by `bench:core` and `bench:kinesis`.
 */
import { injectIntoJsonBody, readJsonBody } from '@msgtrace/core';
import { formatNs, keep, measure } from '../harness.js';

/** A pretty-printed JSON object of close to `bytes` bytes (never over), with nesting. */
export function jsonRecord(bytes: number): Buffer {
  const item = (i: number) => ({ id: i, user: `user-${i}`, amount: i * 1.25, tags: ['a', 'b'] });
  const render = (n: number) =>
    Buffer.from(
      JSON.stringify(
        { event: 'order', items: Array.from({ length: n }, (_, i) => item(i)) },
        null,
        2,
      ),
    );
  let n = Math.max(1, Math.floor(bytes / render(1).length));
  while (render(n + 1).length <= bytes) n++;
  while (n > 1 && render(n).length > bytes) n--;
  return render(n);
}

/** Rows of `[group, operation, time/op, vs parse + stringify]`. */
export function kinesisBodyRows(carrier: Record<string, string>): string[][] {
  const rows: string[][] = [];
  const row = (group: string, name: string, ns: number, baseline?: number) =>
    rows.push([group, name, formatNs(ns), baseline ? `${(baseline / ns).toFixed(1)}× faster` : '']);
  for (const [label, size] of [
    ['1 KiB', 1024],
    ['64 KiB', 64 * 1024],
    ['900 KiB', 900 * 1024],
  ] as const) {
    const record = jsonRecord(size);
    const injected = injectIntoJsonBody(record, carrier).data;
    const parseInject = measure('parse-inject', () => {
      const parsed = JSON.parse(record.toString('utf8')) as Record<string, unknown>;
      return Buffer.from(JSON.stringify({ ...parsed, _msgtrace: carrier }));
    }).nsPerOp;
    const parseStrip = measure('parse-strip', () => {
      const { _msgtrace, ...rest } = JSON.parse(injected.toString('utf8')) as Record<
        string,
        unknown
      >;
      keep(_msgtrace);
      return Buffer.from(JSON.stringify(rest));
    }).nsPerOp;
    row(`kinesis ${label}`, 'JSON.parse + JSON.stringify (inject)', parseInject);
    row(
      `kinesis ${label}`,
      'splice (inject)',
      measure('splice', () => injectIntoJsonBody(record, carrier)).nsPerOp,
      parseInject,
    );
    row(`kinesis ${label}`, 'JSON.parse + JSON.stringify (strip)', parseStrip);
    row(
      `kinesis ${label}`,
      'detect + strip (read)',
      measure('strip', () => readJsonBody(injected)).nsPerOp,
      parseStrip,
    );
    row(
      `kinesis ${label}`,
      'detect only (record without key)',
      measure('detect', () => readJsonBody(record)).nsPerOp,
      parseStrip,
    );
  }
  return rows;
}
