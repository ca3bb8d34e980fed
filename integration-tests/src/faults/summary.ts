import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One scenario's tally, compared against its bare run. */
export interface ScenarioTally {
  scenario: string;
  /** Messages the bare run's application received (what the instrumented run must match). */
  messages: number;
  /** Messages the bare run received that the instrumented run did not. */
  lost: number;
  /** Messages the instrumented run received that the bare run did not (changed bytes, extras). */
  altered: number;
  /** Uncaught exceptions or unhandled rejections the instrumented run had and the bare did not. */
  hostExceptions: number;
  /** Spans started and never ended, over the processes that exited on their own. */
  unendedSpans: number;
  /**
   * Instrumented processes that stayed alive after their result, beyond the bare run's: a
   * workload that guards against a library's stray timer exits on its own and says so.
   */
  lingered: number;
}

/** Every fault test appends here; the suite's teardown prints the one closing line. */
export const TALLY_FILE = join(__dirname, '..', '..', 'reports', 'faults.jsonl');

export function recordTally(tally: ScenarioTally): void {
  mkdirSync(dirname(TALLY_FILE), { recursive: true });
  appendFileSync(TALLY_FILE, `${JSON.stringify(tally)}\n`);
}

export function clearTallies(): void {
  rmSync(TALLY_FILE, { force: true });
}

/** `faults: N scenarios, M messages, 0 lost, 0 altered, 0 host exceptions, 0 unended spans, 0 lingered` */
export function summaryLine(): string {
  const tallies: ScenarioTally[] = existsSync(TALLY_FILE)
    ? readFileSync(TALLY_FILE, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as ScenarioTally)
    : [];
  const sum = (key: keyof Omit<ScenarioTally, 'scenario'>) =>
    tallies.reduce((total, tally) => total + (tally[key] ?? 0), 0);
  return (
    `faults: ${tallies.length} scenarios, ${sum('messages')} messages, ${sum('lost')} lost, ` +
    `${sum('altered')} altered, ${sum('hostExceptions')} host exceptions, ` +
    `${sum('unendedSpans')} unended spans, ${sum('lingered')} lingered`
  );
}
