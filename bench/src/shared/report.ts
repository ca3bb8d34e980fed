import { markdownTable } from '../harness.js';
import { median, type RunResult, type Variant } from './variants.js';

/**
 * CPU time per message and throughput per variant, as medians over rounds, with ratios against
 * the bare client and the added cost of each instrumentation against the anchor's.
 */
export function overheadTable(
  variants: readonly Variant[],
  results: Map<string, RunResult[]>,
  bare: string,
  sdkOnly: string,
  pairs: readonly [ours: string, anchor: string][],
): string {
  const cpu = (name: string) => median((results.get(name) ?? []).map((r) => r.cpuMicros / r.count));
  const rate = (name: string) =>
    median((results.get(name) ?? []).map((r) => r.count / (r.wallMs / 1000)));
  const base = cpu(bare);
  const rows = variants.map((v) => [
    v.name,
    `${cpu(v.name).toFixed(1)} µs`,
    `${(cpu(v.name) / base).toFixed(2)}×`,
    `${(cpu(v.name) - base).toFixed(1)} µs`,
    `${Math.round(rate(v.name))} msg/s`,
    `${(rate(v.name) / rate(bare)).toFixed(2)}×`,
  ]);
  const table = markdownTable(
    ['variant', 'CPU / message', 'vs bare', 'added', 'throughput', 'vs bare'],
    rows,
  );
  // The instrumentation's own cost is measured against the SDK-only run of the same round (the
  // context manager's cost is paid by every traced application, instrumented or not), and the
  // median taken over rounds, so that slow drifts of a shared machine cancel out.
  const perRound = (name: string) =>
    (results.get(name) ?? []).map((r, i) => {
      const sdk = results.get(sdkOnly)?.[i];
      return sdk ? r.cpuMicros / r.count - sdk.cpuMicros / sdk.count : Number.NaN;
    });
  const spread = (values: number[]) =>
    `${Math.min(...values).toFixed(1)} … ${Math.max(...values).toFixed(1)}`;
  const verdicts = pairs.map(([ours, anchor]) => {
    const added = median(perRound(ours));
    const anchorAdded = median(perRound(anchor));
    return `- ${ours}: adds ${added.toFixed(1)} µs per message over the SDK alone (rounds: ${spread(perRound(ours))}); ${anchor} adds ${anchorAdded.toFixed(1)} µs (rounds: ${spread(perRound(anchor))})`;
  });
  return `${table}\n\n${verdicts.join('\n')}`;
}
