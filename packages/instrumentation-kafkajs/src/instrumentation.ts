import { type LibraryFile, MessagingInstrumentationBase } from '@msgtrace/core';
import { type KafkaClass, proxyKafkaClass } from './patches/client.js';
import { instrumentClientPrototype, restoreClientPrototype } from './patches/client-prototype.js';
import { sharedState } from './state.js';
import { KafkaTelemetry } from './telemetry.js';
import type { KafkaJsInstrumentationConfig } from './types.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

/** kafkajs versions this package is tested against: the 2.x line, its lowest and highest. */
export const SUPPORTED_VERSIONS = ['>=2.0.0 <3'] as const;

/**
 * OpenTelemetry instrumentation for kafkajs. Register it like any other instrumentation
 * (`registerInstrumentations`, the Node SDK's `instrumentations`), or load
 * `@msgtrace/instrumentation-kafkajs/register`.
 */
export class KafkaJsInstrumentation extends MessagingInstrumentationBase<KafkaJsInstrumentationConfig> {
  // `declare`: the base constructor calls enable() before field initializers would run.
  declare private kafkaTelemetry: KafkaTelemetry | undefined;

  constructor(config: KafkaJsInstrumentationConfig = {}) {
    super(PACKAGE_NAME, PACKAGE_VERSION, config);
  }

  /** The spans and metrics side, shared with `processMessage`. */
  get telemetry(): KafkaTelemetry {
    this.kafkaTelemetry ??= new KafkaTelemetry(
      () => this.tracer,
      () => this.messagingMetrics,
      () => this.getConfig(),
    );
    return this.kafkaTelemetry;
  }

  protected libraryFiles(): LibraryFile<KafkaClass>[] {
    // kafkajs/index.js requires './src' for its Kafka class: patching that file serves CommonJS
    // and ES module applications alike, since kafkajs loads its own files with require.
    return [this.kafkaClassFile()];
  }

  private kafkaClassFile(): LibraryFile<KafkaClass> {
    return {
      module: 'kafkajs',
      file: 'src/index.js',
      versions: SUPPORTED_VERSIONS[0],
      patch: (Kafka) => {
        instrumentClientPrototype(Kafka, this.telemetry, () => this.isEnabled());
        return proxyKafkaClass(Kafka, () => this.isEnabled());
      },
      unpatch: (Kafka) => restoreClientPrototype(Kafka),
    };
  }

  override enable(): void {
    super.enable();
    sharedState().telemetry = this.telemetry;
  }

  override disable(): void {
    super.disable();
    if (sharedState().telemetry === this.kafkaTelemetry) sharedState().telemetry = undefined;
  }

  /**
   * Instruments a kafkajs module loaded where the loader hook cannot see it (a bundle, Jest's
   * module registry): replaces its `Kafka` export with the instrumented class. `disable()`
   * restores it like the rest.
   */
  instrumentModule(kafkajs: { Kafka: object }): void {
    kafkajs.Kafka = this.patchLoaded(this.kafkaClassFile(), kafkajs.Kafka as KafkaClass);
  }
}
