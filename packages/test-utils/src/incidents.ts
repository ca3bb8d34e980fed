import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FixtureOptions, type FixtureResult, startFixture } from './fixture.js';

/** What happened in one run of a fixture beyond its output (see preload.ts). */
export interface FixtureIncidents {
  /** `uncaughtException` / `unhandledRejection` events the process saw, as `kind: message`. */
  hostExceptions: string[];
  /** How often the throwing span processor threw from `onStart` and from `onEnd`. */
  processorThrows: { onStart: number; onEnd: number };
  /** Spans started and ended, noted at exit; undefined when the process was killed. */
  spanCounts: { started: number; ended: number } | undefined;
  /** `diag` warnings and errors, as `level: message`. */
  diag: string[];
  /**
   * Every other line of the incidents file: the broken pipeline's (`sampler`, `exporter queue 3`)
   * and whatever the fixture itself noted there (its bookkeeping sizes, say).
   */
  notes: string[];
}

export type FixtureRunWithIncidents = FixtureResult & FixtureIncidents;

/** A fixture running with its incidents watched: `startFixture`'s handle, incidents on `done`. */
export interface RunningWithIncidents {
  pid: number | undefined;
  waitForOutput(text: string): Promise<void>;
  kill(signal?: NodeJS.Signals): void;
  done: Promise<FixtureRunWithIncidents>;
}

/** `startFixture` with MSGTRACE_TEST_INCIDENTS_FILE set, its lines read back when it ends. */
export function startWithIncidents(
  script: string,
  options: FixtureOptions = {},
): RunningWithIncidents {
  const dir = mkdtempSync(join(tmpdir(), 'msgtrace-incidents-'));
  const file = join(dir, 'incidents.log');
  const running = startFixture(script, {
    ...options,
    env: { ...options.env, MSGTRACE_TEST_INCIDENTS_FILE: file },
  });
  const done = running.done
    .then((result) => ({ ...result, ...readIncidents(file) }))
    .finally(() => rmSync(dir, { recursive: true, force: true }));
  done.catch(() => {});
  return { pid: running.pid, waitForOutput: running.waitForOutput, kill: running.kill, done };
}

export function runWithIncidents(
  script: string,
  options: FixtureOptions = {},
): Promise<FixtureRunWithIncidents> {
  return startWithIncidents(script, options).done;
}

function readIncidents(file: string): FixtureIncidents {
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
  const count = (exact: string) => lines.filter((line) => line === exact).length;
  const numberAfter = (prefix: string) => {
    const line = lines.find((l) => l.startsWith(prefix));
    return line === undefined ? undefined : Number(line.slice(prefix.length));
  };
  const started = numberAfter('spans started ');
  const ended = numberAfter('spans ended ');
  const known = /^(host |processor on|spans (started|ended) |diag )/;
  return {
    hostExceptions: lines.filter((line) => line.startsWith('host ')),
    processorThrows: { onStart: count('processor onStart'), onEnd: count('processor onEnd') },
    spanCounts: started === undefined || ended === undefined ? undefined : { started, ended },
    diag: lines.filter((line) => line.startsWith('diag ')).map((line) => line.slice(5)),
    notes: lines.filter((line) => !known.test(line)),
  };
}
