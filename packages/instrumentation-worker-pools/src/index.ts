export type { CarriedTask, PoolLibrary } from './describe.js';
export { SUPPORTED_VERSIONS, WorkerPoolsInstrumentation } from './instrumentation.js';
export type { WorkerPoolsInstrumentationConfig } from './types.js';
export { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';
