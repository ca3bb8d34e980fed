import { type LibraryFile, MessagingInstrumentationBase } from '@msgtrace/core';
import {
  instrumentKinesisModule,
  type KinesisModule,
  restoreKinesisModule,
} from './patches/client.js';
import { sharedState } from './state.js';
import { KinesisTelemetry } from './telemetry.js';
import type { AwsKinesisInstrumentationConfig } from './types.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

/** The module this package patches. */
export const INSTRUMENTED_MODULE = '@aws-sdk/client-kinesis';

/** @aws-sdk/client-kinesis versions: tested at both ends, 3.363.0 and 3.1143.0. */
export const SUPPORTED_VERSIONS = ['>=3.363.0 <4'] as const;

/**
 * OpenTelemetry instrumentation for @aws-sdk/client-kinesis. Register it like any other
 * instrumentation, or load `@msgtrace/instrumentation-aws-kinesis/register`.
 */
export class AwsKinesisInstrumentation extends MessagingInstrumentationBase<AwsKinesisInstrumentationConfig> {
  // `declare`: the base constructor enables the instrumentation before field initializers run.
  declare private kinesisTelemetry: KinesisTelemetry | undefined;

  constructor(config: AwsKinesisInstrumentationConfig = {}) {
    super(PACKAGE_NAME, PACKAGE_VERSION, config);
  }

  /** The spans and metrics side, shared with `processRecord` and `processLambdaRecord`. */
  get telemetry(): KinesisTelemetry {
    this.kinesisTelemetry ??= new KinesisTelemetry(
      () => this.tracer,
      () => this.messagingMetrics,
      () => this.getConfig(),
    );
    return this.kinesisTelemetry;
  }

  protected libraryFiles(): LibraryFile<KinesisModule>[] {
    // The package's `main`, one bundled CommonJS file. ES module applications load that same
    // file (the package has no `exports` map), so this one hook serves both.
    return [this.clientFile()];
  }

  private clientFile(): LibraryFile<KinesisModule> {
    return {
      module: INSTRUMENTED_MODULE,
      file: 'dist-cjs/index.js',
      versions: SUPPORTED_VERSIONS[0],
      patch: (exports) => instrumentKinesisModule(exports, this.telemetry, () => this.isEnabled()),
      unpatch: (exports) => restoreKinesisModule(exports),
    };
  }

  override enable(): void {
    super.enable();
    sharedState().telemetry = this.telemetry;
  }

  override disable(): void {
    super.disable();
    const state = sharedState();
    if (state.telemetry === this.kinesisTelemetry) state.telemetry = undefined;
  }

  /**
   * Instruments an @aws-sdk/client-kinesis module loaded where the loader hook cannot see it (a
   * bundle, Jest's module registry). `disable()` restores it like the rest.
   */
  instrumentModule(exports: object): void {
    this.patchLoaded(this.clientFile(), exports as KinesisModule);
  }
}
