import {
  type LibraryFile,
  MessagingInstrumentationBase,
  type TelemetrySource,
} from '@msgtrace/core';
import {
  instrumentClientFactories,
  type KafkaClass,
  type KafkaTelemetry,
  restoreClientFactories,
} from '@msgtrace/kafka-shared';
import { KAFKAJS_CLIENT_INFO, proxyKafkaClass } from './patches/client.js';
import { kafkaJsTelemetry } from './telemetry.js';
import type { KafkaJsInstrumentationConfig } from './types.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

/** kafkajs versions this package is tested against: the 2.x line, its lowest and highest. */
export const SUPPORTED_VERSIONS = ['>=2.0.0 <3'] as const;

/**
 * OpenTelemetry instrumentation for kafkajs. Register it like any other instrumentation
 * (`registerInstrumentations`, the Node SDK's `instrumentations`), or load
 * `@msgtrace/instrumentation-kafkajs/register`.
 */
export class KafkaJsInstrumentation extends MessagingInstrumentationBase<
  KafkaJsInstrumentationConfig,
  KafkaTelemetry
> {
  constructor(config: KafkaJsInstrumentationConfig = {}) {
    super(PACKAGE_NAME, PACKAGE_VERSION, config);
  }

  protected createTelemetry(source: TelemetrySource<KafkaJsInstrumentationConfig>): KafkaTelemetry {
    return kafkaJsTelemetry(source);
  }

  protected libraryFiles(): LibraryFile<KafkaClass>[] {
    // kafkajs/index.js requires './src' for its Kafka class: patching that file serves CommonJS
    // and ES module applications alike, since kafkajs loads its own files with require.
    // `instrumentModule('kafkajs', require('kafkajs'))` replaces the entry's `Kafka` export.
    return [
      {
        module: 'kafkajs',
        file: 'src/index.js',
        versions: SUPPORTED_VERSIONS[0],
        entryExport: 'Kafka',
        patch: (Kafka) => {
          instrumentClientFactories(Kafka, KAFKAJS_CLIENT_INFO, {
            telemetry: this.telemetry,
            active: () => this.isEnabled(),
          });
          return proxyKafkaClass(Kafka, () => this.isEnabled());
        },
        unpatch: (Kafka) => restoreClientFactories(Kafka),
      },
    ];
  }
}
