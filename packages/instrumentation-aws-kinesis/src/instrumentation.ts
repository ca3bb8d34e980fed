import {
  type LibraryFile,
  MessagingInstrumentationBase,
  type TelemetrySource,
} from '@msgtrace/core';
import {
  instrumentKinesisModule,
  type KinesisModule,
  restoreKinesisModule,
} from './patches/client.js';
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
export class AwsKinesisInstrumentation extends MessagingInstrumentationBase<
  AwsKinesisInstrumentationConfig,
  KinesisTelemetry
> {
  constructor(config: AwsKinesisInstrumentationConfig = {}) {
    super(PACKAGE_NAME, PACKAGE_VERSION, config);
  }

  protected createTelemetry(
    source: TelemetrySource<AwsKinesisInstrumentationConfig>,
  ): KinesisTelemetry {
    return new KinesisTelemetry(source);
  }

  /**
   * The package's `main`, one bundled CommonJS file. ES module applications load that same file
   * (the package has no `exports` map), so this one hook serves both; `instrumentModule` takes it
   * by package name, `@aws-sdk/client-kinesis`.
   */
  protected libraryFiles(): LibraryFile<KinesisModule>[] {
    return [
      {
        module: INSTRUMENTED_MODULE,
        file: 'dist-cjs/index.js',
        versions: SUPPORTED_VERSIONS[0],
        patch: (exports) =>
          instrumentKinesisModule(exports, this.telemetry, () => this.isEnabled()),
        unpatch: (exports) => restoreKinesisModule(exports),
      },
    ];
  }
}
