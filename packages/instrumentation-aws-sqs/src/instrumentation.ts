import {
  type LibraryFile,
  MessagingInstrumentationBase,
  type TelemetrySource,
} from '@msgtrace/core';
import {
  instrumentClientModule,
  restoreClientModule,
  type SqsClientModule,
} from './patches/client.js';
import { sqsMiddleware } from './patches/middleware.js';
import {
  instrumentConsumerModule,
  restoreConsumerModule,
  type SqsConsumerModule,
} from './patches/sqs-consumer.js';
import { SqsTelemetry } from './telemetry.js';
import type { AwsSqsInstrumentationConfig } from './types.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

/** The module this package patches. */
export const INSTRUMENTED_MODULE = '@aws-sdk/client-sqs';

/**
 * `@aws-sdk/client-sqs` versions this package supports: tested at 3.363.0 (the oldest in the
 * range) and 3.1169.0. Earlier 3.x releases predate the middleware shape relied on.
 */
export const SUPPORTED_VERSIONS = ['>=3.363.0 <4'] as const;

/** `sqs-consumer` versions whose handlers get `process` spans (15.x requires Node 22). */
export const SUPPORTED_SQS_CONSUMER_VERSIONS = ['>=14.0.0 <15'] as const;

/**
 * OpenTelemetry instrumentation for `@aws-sdk/client-sqs` v3 (and `sqs-consumer`). Register it
 * like any other instrumentation, or load `@msgtrace/instrumentation-aws-sqs/register`.
 */
export class AwsSqsInstrumentation extends MessagingInstrumentationBase<
  AwsSqsInstrumentationConfig,
  SqsTelemetry
> {
  constructor(config: AwsSqsInstrumentationConfig = {}) {
    super(PACKAGE_NAME, PACKAGE_VERSION, config);
  }

  protected createTelemetry(source: TelemetrySource<AwsSqsInstrumentationConfig>): SqsTelemetry {
    return new SqsTelemetry(source);
  }

  /**
   * The client's CommonJS entry and sqs-consumer's consumer, which `instrumentModule` takes by
   * package name: `@aws-sdk/client-sqs` and `sqs-consumer` (`dist/cjs/consumer.js`'s exports).
   */
  protected libraryFiles(): LibraryFile<unknown>[] {
    return [this.clientFile(), this.consumerFile()] as LibraryFile<unknown>[];
  }

  private clientFile(): LibraryFile<SqsClientModule> {
    return {
      module: INSTRUMENTED_MODULE,
      file: 'dist-cjs/index.js',
      versions: SUPPORTED_VERSIONS[0],
      patch: (exports) =>
        instrumentClientModule(
          exports,
          sqsMiddleware(this.telemetry, () => this.isEnabled()),
          () => this.isEnabled(),
        ),
      unpatch: (exports) => restoreClientModule(exports),
    };
  }

  private consumerFile(): LibraryFile<SqsConsumerModule> {
    return {
      module: 'sqs-consumer',
      file: 'dist/cjs/consumer.js',
      versions: SUPPORTED_SQS_CONSUMER_VERSIONS[0],
      patch: (exports) => instrumentConsumerModule(exports),
      unpatch: (exports) => restoreConsumerModule(exports),
    };
  }
}
