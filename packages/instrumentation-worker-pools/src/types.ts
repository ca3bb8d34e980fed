import type { InstrumentationConfig } from '@opentelemetry/instrumentation';

/**
 * Options of the worker-pool instrumentation. There is nothing to tune yet beyond turning it on
 * and off (`enabled`, or `MSGTRACE_WORKER_POOLS_ENABLED=false` under the register entry).
 */
export interface WorkerPoolsInstrumentationConfig extends InstrumentationConfig {}
