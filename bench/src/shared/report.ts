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
  // The instrumentation's own cost is measured against the SDK-only run: the context manager's
  // cost is paid by every traced application, instrumented or not.
  const sdk = cpu(sdkOnly);
  const verdicts = pairs.map(([ours, anchor]) => {
    const added = cpu(ours) - sdk;
    const anchorAdded = cpu(anchor) - sdk;
    return `- ${ours}: the instrumentation adds ${added.toFixed(1)} µs per message over the SDK alone; ${anchor} adds ${anchorAdded.toFixed(1)} µs (ratio ${(added / anchorAdded).toFixed(2)})`;
  });
  return `${table}\n\n${verdicts.join('\n')}`;
}
