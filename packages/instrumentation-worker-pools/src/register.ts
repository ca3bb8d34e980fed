/**
 * `node --require @msgtrace/instrumentation-worker-pools/register app.js` (or `--import`): enables
 * the worker-pool instrumentation once per process, in the main thread and in every worker thread
 * that inherits the flag. `ready` settles once tinypool (an ES module) is patched; the `--import`
 * entry waits for it. It starts the OpenTelemetry SDK through `@msgtrace/sdk-bootstrap`, an
 * optional peer: add it (or use `@msgtrace/auto/register`) to use this entry.
 */
import { isMainThread } from 'node:worker_threads';
import { guard, reportInternalError } from '@msgtrace/core';
import { registerOnce } from '@msgtrace/sdk-bootstrap';
import { SUPPORTED_VERSIONS, WorkerPoolsInstrumentation } from './instrumentation.js';
import { importTinypools } from './tinypool-loader.js';

const registered = registerOnce('worker-pools', (config) => new WorkerPoolsInstrumentation(config));

async function patchTinypool(): Promise<void> {
  // An instance made by another copy of this package is that copy's to patch.
  const instrumentation = registered instanceof WorkerPoolsInstrumentation ? registered : undefined;
  if (!instrumentation || !isMainThread) return;
  try {
    await importTinypools(SUPPORTED_VERSIONS.tinypool, (tinypool) => {
      guard('tinypool patch', () => instrumentation.instrumentModule('tinypool', tinypool));
    });
  } catch (error) {
    reportInternalError('loading tinypool', error);
  }
}

export const ready: Promise<void> = patchTinypool();
