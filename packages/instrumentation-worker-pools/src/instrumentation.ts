import {
  type LibraryFile,
  MessagingInstrumentationBase,
  type TelemetrySource,
} from '@msgtrace/core';
import type { PoolLibrary } from './describe.js';
import {
  instrumentPoolClass,
  type PoolClass,
  poolClassOf,
  restorePoolClass,
} from './patches/pool-run.js';
import { instrumentPorts, restorePorts } from './patches/ports.js';
import { pendingTasks } from './state.js';
import { TaskTelemetry } from './telemetry.js';
import type { WorkerPoolsInstrumentationConfig } from './types.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

/** The versions this package is tested against: piscina 4.x and 5.x, tinypool 1.x and 2.x. */
export const SUPPORTED_VERSIONS: Record<PoolLibrary, string> = {
  piscina: '>=4.0.0 <6',
  tinypool: '>=1.0.0 <3',
};

/** piscina's CommonJS files that define the pool class (4.0–4.3 in dist/src, later in dist). */
const PISCINA_FILES = ['dist/src/index.js', 'dist/index.js'] as const;

/**
 * Carries the caller's trace into piscina and tinypool workers: the context active at `run()`
 * travels next to the task (never inside it), and the worker runs the task under a `task {file}`
 * span whose parent is that context. Needs msgtrace in the worker thread too (the register entry
 * is inherited through `execArgv`); a worker without it runs the task exactly as before.
 */
export class WorkerPoolsInstrumentation extends MessagingInstrumentationBase<
  WorkerPoolsInstrumentationConfig,
  TaskTelemetry
> {
  constructor(config: WorkerPoolsInstrumentationConfig = {}) {
    super(PACKAGE_NAME, PACKAGE_VERSION, config);
  }

  protected createTelemetry(
    source: TelemetrySource<WorkerPoolsInstrumentationConfig>,
  ): TaskTelemetry {
    return new TaskTelemetry(source);
  }

  /**
   * piscina's class files, and tinypool's entry, which `instrumentModule('tinypool', exports)`
   * takes: tinypool is an ES module, so the loader hook never fires for it and the register entry
   * imports it and hands it over.
   */
  protected libraryFiles(): LibraryFile<unknown>[] {
    return [
      ...PISCINA_FILES.map((file) => this.poolFile('piscina', file)),
      this.poolFile('tinypool', 'dist/index.js'),
    ];
  }

  private poolFile(pool: PoolLibrary, file: string): LibraryFile<unknown> {
    return {
      module: pool,
      file,
      versions: SUPPORTED_VERSIONS[pool],
      patch: (exports) => {
        const Pool = poolClassOf(exports);
        if (Pool) instrumentPoolClass(Pool, pool, (name) => this.carry(name), pendingTasks());
        return exports;
      },
      unpatch: (exports) => {
        const Pool = poolClassOf(exports);
        if (Pool) restorePoolClass(Pool);
      },
    };
  }

  private carry(pool: PoolLibrary) {
    return this.isEnabled() ? this.telemetry.carry(pool) : undefined;
  }

  override enable(): void {
    super.enable();
    instrumentPorts({
      telemetry: () => this.telemetry,
      pending: pendingTasks(),
      enabled: () => this.isEnabled(),
    });
  }

  override disable(): void {
    super.disable();
    restorePorts();
  }
}

export type { PoolClass };
