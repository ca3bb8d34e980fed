/**
 * A small timing harness for micro-benchmarks. These machines are noisy, so results are read as
 * ratios between cases measured in the same run, never as absolute truths: each case runs in
 * several rounds and the median round is reported.
 */
export interface Measurement {
  name: string;
  nsPerOp: number;
}

const sink: unknown[] = [];

/** Keeps results reachable so the JIT cannot drop the work that produced them. */
export function keep(value: unknown): void {
  sink[sink.length & 1023] = value;
}

export function measure(name: string, op: () => unknown, roundMs = 60, rounds = 7): Measurement {
  for (let i = 0; i < 200; i++) keep(op()); // warm-up
  // Size a batch so one round lasts about roundMs.
  let batch = 1;
  for (;;) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) keep(op());
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (ms >= roundMs / 4 || batch >= 1 << 24) break;
    batch *= 2;
  }
  batch = Math.max(1, Math.round(batch * 4));
  const perOp: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) keep(op());
    perOp.push(Number(process.hrtime.bigint() - start) / batch);
  }
  perOp.sort((a, b) => a - b);
  return { name, nsPerOp: perOp[Math.floor(perOp.length / 2)] ?? Number.NaN };
}

export function formatNs(ns: number): string {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(0)} ns`;
}

export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
