import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from '@jest/globals';
import { childOutput, OtlpReceiver, type ReceivedSpan } from '@msgtrace/test-utils';

export const AUTO = '@msgtrace/auto/register';

const fixtures = join(__dirname, '..', 'test');
/** Fixtures by path under test/: `auto/fixtures/idle.cjs`, `rabbitmq/fixtures/….mjs`. */
export const fixture = (path: string) => join(fixtures, path);

export interface AppRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit. */
  ms: number;
  /** How many times an OpenTelemetry NodeSDK was started in the process. */
  sdkStarts: number;
  /** What the receiver got from this run (it is fresh per test). */
  spans: ReceivedSpan[];
}

export interface AppOptions {
  /** Loaded before anything else, even the SDK start counter. */
  preload?: string[];
  require?: string[];
  import?: string[];
  env?: NodeJS.ProcessEnv;
  /** Called with the child once it printed its first line (to send it a signal). */
  onReady?: (pid: number) => void;
  timeoutMs?: number;
  /** The app's working directory (where it resolves packages from, as the register entry does). */
  cwd?: string;
}

/**
 * One OTLP receiver per test, and a way to run an app the way a user would: real SDK from the
 * register entry (no test preload), exporting over OTLP/JSON to the receiver.
 */
export function withReceiver(): {
  receiver(): OtlpReceiver;
  run(script: string, options?: AppOptions): Promise<AppRun>;
} {
  let receiver: OtlpReceiver | undefined;
  beforeEach(async () => {
    receiver = await OtlpReceiver.start();
  });
  afterEach(async () => {
    await receiver?.close();
  });
  const current = () => {
    if (!receiver) throw new Error('no receiver: call inside a test');
    return receiver;
  };
  return { receiver: current, run: (script, options) => runApp(current(), script, options) };
}

const countStarts = join(__dirname, '..', 'test', 'auto', 'fixtures', 'count-sdk-starts.cjs');

export async function runApp(
  receiver: OtlpReceiver,
  script: string,
  options: AppOptions = {},
): Promise<AppRun> {
  const dir = mkdtempSync(join(tmpdir(), 'msgtrace-auto-'));
  const startsFile = join(dir, 'sdk-starts');
  const args = [
    ...(options.preload ?? []).flatMap((m) => ['--require', m]),
    '--require',
    countStarts,
    ...(options.require ?? []).flatMap((m) => ['--require', m]),
    ...(options.import ?? []).flatMap((m) => ['--import', m]),
    script,
  ];
  const started = Date.now();
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      ...receiver.exporterEnv(),
      OTEL_SERVICE_NAME: 'fixture-app',
      SDK_STARTS_FILE: startsFile,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  let ready = false;
  const output = childOutput(child, {
    timeoutMs: options.timeoutMs ?? 60_000,
    onOutput: (stdout) => {
      if (!ready && stdout.includes('\n') && child.pid) {
        ready = true;
        options.onReady?.(child.pid);
      }
    },
  });
  try {
    const { code, signal, stdout, stderr } = await output;
    let sdkStarts = 0;
    try {
      sdkStarts = Number(readFileSync(startsFile, 'utf8'));
    } catch {
      // The process died before it could write: no start counted.
    }
    return {
      code,
      signal,
      stdout,
      stderr,
      ms: Date.now() - started,
      sdkStarts,
      spans: receiver.spans(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The spans that the msgtrace instrumentations made (not the app's own). */
export const brokerSpans = (spans: ReceivedSpan[]) =>
  spans.filter((span) => span.instrumentationScope.startsWith('@msgtrace/'));
