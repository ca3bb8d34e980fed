import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateDir } from './paths.js';
import { sleep } from './processes.js';

/**
 * One runner at a time per state directory: `npm test` and a test's global setup may both ask
 * for the brokers, and two of them starting Kafka at once would fight over the port.
 */
export async function withLock<T>(work: () => Promise<T>, timeoutMs = 600_000): Promise<T> {
  mkdirSync(stateDir, { recursive: true });
  const lockDir = join(stateDir, 'lock');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      break;
    } catch {
      if (holderIsGone(lockDir)) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for the broker lock ${lockDir}`);
      await sleep(250);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function holderIsGone(lockDir: string): boolean {
  try {
    const pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // No pid file yet means the holder is between mkdir and write: not gone.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
