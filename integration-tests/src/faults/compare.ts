import { expect } from '@jest/globals';
import type { FixtureRunWithIncidents } from '@msgtrace/test-utils';
import { withoutLibraryWarnings } from '@msgtrace/test-utils';
import { recordTally, type ScenarioTally } from './summary';

/**
 * What one run of a scenario's workload showed: the application's messages (their bytes, in any
 * order; a redelivered message counts each time), what else the application saw (errors, flags),
 * and every process it ran.
 */
export interface WorkloadRun {
  messages: string[];
  events: unknown;
  /** Processes that ended on their own (their spans and bookkeeping are checked). */
  finished: FixtureRunWithIncidents[];
  /** Processes the scenario killed: no span or bookkeeping count can come from them. */
  killed: FixtureRunWithIncidents[];
}

export type Mode = 'bare' | 'instrumented';

/** Multiset difference: what `a` has that `b` lacks, counting repeats. */
function missingFrom(a: string[], b: string[]): number {
  const left = new Map<string, number>();
  for (const m of b) left.set(m, (left.get(m) ?? 0) + 1);
  let missing = 0;
  for (const m of a) {
    const n = left.get(m) ?? 0;
    if (n === 0) missing++;
    else left.set(m, n - 1);
  }
  return missing;
}

/** `bookkeeping <name> <size>` notes a fixture wrote at its end. */
export function bookkeepingOf(run: FixtureRunWithIncidents): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const note of run.notes) {
    const match = /^bookkeeping (\S+) (\d+)$/.exec(note);
    if (match?.[1]) sizes[match[1]] = (sizes[match[1]] ?? 0) + Number(match[2]);
  }
  return sizes;
}

/**
 * The scenario's verdict, tallied for the suite's closing line and then asserted: the
 * instrumented application received exactly the bare one's messages and saw the same events, no
 * host exception the bare run did not have, every span it started ended, our per-message
 * bookkeeping empty, and nothing on stderr but the libraries' own warnings.
 */
export function compareRuns(
  scenario: string,
  bare: WorkloadRun,
  instrumented: WorkloadRun,
  { spansExpected = true } = {},
): void {
  const bareExceptions = new Set(bare.finished.flatMap((r) => r.hostExceptions));
  const newExceptions = instrumented.finished
    .flatMap((r) => r.hostExceptions)
    .filter((e) => !bareExceptions.has(e));
  const unended = instrumented.finished.reduce(
    (total, run) => total + (run.spanCounts ? run.spanCounts.started - run.spanCounts.ended : 1),
    0,
  );
  const lingering = (run: WorkloadRun, mode: Mode) =>
    run.finished.filter((process) => lingered(process, `${scenario} (${mode})`)).length;
  const tally: ScenarioTally = {
    scenario,
    messages: bare.messages.length,
    lost: missingFrom(bare.messages, instrumented.messages),
    altered: missingFrom(instrumented.messages, bare.messages),
    hostExceptions: newExceptions.length,
    unendedSpans: unended,
    lingered: Math.max(0, lingering(instrumented, 'instrumented') - lingering(bare, 'bare')),
  };
  recordTally(tally);

  expect(bare.messages.length).toBeGreaterThan(0);
  // A sampler that throws lets no span start: there the proof is the app's messages alone.
  if (spansExpected) {
    expect(instrumented.finished.flatMap((r) => r.spans).length).toBeGreaterThan(0);
  }
  // Reported in the closing line, not asserted: it has been seen once in many runs, and which run
  // it hits is not known yet; the lines printed say what held the loop.
  const { lingered: _reported, ...verdict } = tally;
  expect({ ...verdict, events: instrumented.events }).toEqual({
    scenario,
    messages: bare.messages.length,
    lost: 0,
    altered: 0,
    hostExceptions: 0,
    unendedSpans: 0,
    events: bare.events,
  });
  for (const run of [...bare.finished, ...instrumented.finished]) {
    expect({ code: run.code, stderr: withoutLibraryWarnings(run.stderr) }).toEqual({
      code: 0,
      stderr: '',
    });
  }
  for (const run of instrumented.finished) {
    for (const [name, size] of Object.entries(bookkeepingOf(run))) {
      expect([name, size]).toEqual([name, 0]);
    }
  }
}

/** Whether a workload printed `LINGERED [resources]`: alive after its result (see its fixture). */
function lingered(run: FixtureRunWithIncidents, which: string): boolean {
  const line = run.stdout.split('\n').find((l) => l.startsWith('LINGERED '));
  if (line) console.log(`${which}: ${line}`);
  return line !== undefined;
}

/** The last stdout line a workload fixture prints: `RESULT {"messages": […], "events": …}`. */
export function resultOf(run: FixtureRunWithIncidents): { messages: string[]; events: unknown } {
  const line = run.stdout
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`no RESULT line (exit ${run.code})\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(line.slice('RESULT '.length)) as { messages: string[]; events: unknown };
}
