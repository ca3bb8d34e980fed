import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { PathwayRow } from '@msgtrace/demo/dist/cjs/pathways.js';
import { type ChildOutput, childOutput, type ReceivedSpan } from '@msgtrace/test-utils';

/** What `--json` writes. */
export interface DemoOutput {
  run: string;
  resources: {
    ordersTopic: string;
    paymentsQueueUrl: string;
    notificationsQueue: string;
    auditStream: string;
  };
  services: { name: string; code: number | null; signal: string | null; output: string }[];
  spans: ReceivedSpan[];
  /** The pathway table's rows, from the metrics the services exported. */
  pathways: PathwayRow[];
}

const main = join(
  dirname(require.resolve('@msgtrace/demo/package.json')),
  'dist',
  'cjs',
  'main.js',
);

/**
 * Runs the demo as `npm run demo` would, with `env` added to ours and `args` after its own;
 * returns its output and JSON.
 */
export async function runDemo(
  orders: number,
  env: NodeJS.ProcessEnv = {},
  args: string[] = [],
): Promise<{ result: ChildOutput; demo: DemoOutput }> {
  const dir = mkdtempSync(join(tmpdir(), 'msgtrace-demo-'));
  try {
    const jsonFile = join(dir, 'demo.json');
    const child = spawn(
      process.execPath,
      [main, '--orders', String(orders), '--json', jsonFile, ...args],
      {
        env: { ...process.env, NO_COLOR: '1', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const result = await childOutput(child);
    const demo = JSON.parse(readFileSync(jsonFile, 'utf8')) as DemoOutput;
    return { result, demo };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
