import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';

/** How a child process ended and everything it printed. */
export interface ChildOutput {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface ChildOutputOptions {
  /** The child is killed after this long and the promise rejects with what it printed. */
  timeoutMs?: number;
  /** Called after every chunk the child prints, with all it has printed so far. */
  onOutput?(stdout: string, stderr: string): void;
}

/**
 * Waits for a child spawned with piped stdout and stderr to exit and its pipes to close (so no
 * output is lost), collecting both streams as text.
 */
export function childOutput(
  child: ChildProcessByStdio<null, Readable, Readable>,
  options: ChildOutputOptions = {},
): Promise<ChildOutput> {
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    options.onOutput?.(stdout, stderr);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    options.onOutput?.(stdout, stderr);
  });
  return new Promise((resolve, reject) => {
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            child.kill('SIGKILL');
            const command = child.spawnargs.join(' ');
            const printed = `${stdout}\n${stderr}`;
            reject(new Error(`${command} timed out after ${options.timeoutMs} ms\n${printed}`));
          }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
