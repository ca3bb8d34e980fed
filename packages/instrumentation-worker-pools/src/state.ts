import { processWide } from '@msgtrace/core';
import type { PendingTasks } from './patches/pool-run.js';

/**
 * Process-wide, so the CommonJS copy the register entry loads and an ES module copy an app imports
 * share one map of tasks waiting to be posted (the port patch is process-wide too).
 */
export function pendingTasks(): PendingTasks {
  return processWide(
    'msgtrace.instrumentation-worker-pools.pending',
    (): PendingTasks => new WeakMap(),
  );
}
