/**
 * `node --require @msgtrace/auto/register app.js` (or `--import` for ES modules): starts an
 * OpenTelemetry Node SDK from the `OTEL_*` variables unless one is registered already, then loads
 * every broker package's own register entry that the environment leaves enabled. Each entry
 * guards itself, so loading this next to a broker package's entry patches nothing twice.
 */

import { reportInternalError } from '@msgtrace/core';
import { instrumentationEnabled, startSdkOnce } from '@msgtrace/sdk-bootstrap';
import { diag } from '@opentelemetry/api';
import { INSTRUMENTATIONS } from './instrumentations.js';

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED';
}

startSdkOnce();
// What the entries still finish asynchronously (tinypool, an ES module, is patched after an
// import); the `--import` entry waits for all of it before the app's modules load.
const pending: Promise<unknown>[] = [];
for (const { name, packageName } of INSTRUMENTATIONS) {
  if (!instrumentationEnabled(name)) continue;
  try {
    const entry = require(`${packageName}/register`) as { ready?: Promise<unknown> };
    if (entry.ready) pending.push(entry.ready.catch(() => undefined));
  } catch (error) {
    // A package without a register entry (or left out of a bundle) costs its broker, not the app.
    if (isMissing(error)) diag.info(`msgtrace: ${packageName}/register not found; ${name} skipped`);
    else reportInternalError(`loading ${packageName}/register`, error);
  }
}

export const ready: Promise<void> = Promise.all(pending).then(() => undefined);
