import { MessagingMetrics } from '@msgtrace/core';
import {
  InstrumentationBase,
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation';
import { type KafkaClass, proxyKafkaClass } from './patches/client.js';
import { instrumentClientPrototype, restoreClientPrototype } from './patches/client-prototype.js';
import { sharedState } from './state.js';
import { KafkaTelemetry } from './telemetry.js';
import type { KafkaJsInstrumentationConfig } from './types.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

/** kafkajs versions this package is tested against: the 2.x line, its lowest and highest. */
export const SUPPORTED_VERSIONS = ['>=2.0.0 <3'];

/**
 * OpenTelemetry instrumentation for kafkajs. Register it like any other instrumentation
 * (`registerInstrumentations`, the Node SDK's `instrumentations`), or load
 * `@msgtrace/instrumentation-kafkajs/register`.
 */
export class KafkaJsInstrumentation extends InstrumentationBase<KafkaJsInstrumentationConfig> {
  // `declare`: the base constructor calls enable() before field initializers would run.
  declare private kafkaTelemetry: KafkaTelemetry | undefined;
  declare private recorder: MessagingMetrics | undefined;
  declare private manuallyPatched: Set<KafkaClass> | undefined;

  constructor(config: KafkaJsInstrumentationConfig = {}) {
    super(PACKAGE_NAME, PACKAGE_VERSION, config);
  }

  /** The spans and metrics side, shared with `processMessage`. */
  get telemetry(): KafkaTelemetry {
    this.kafkaTelemetry ??= new KafkaTelemetry(
      () => this.tracer,
      () => {
        this.recorder ??= new MessagingMetrics(this.meter);
        return this.recorder;
      },
      () => this.getConfig(),
    );
    return this.kafkaTelemetry;
  }

  protected override _updateMetricInstruments(): void {
    this.recorder = undefined;
  }

  protected init() {
    // kafkajs/index.js requires './src': patching that file works for CommonJS apps and for ES
    // module apps alike, since kafkajs loads its own files with require either way.
    return new InstrumentationNodeModuleDefinition(
      'kafkajs',
      SUPPORTED_VERSIONS,
      undefined,
      undefined,
      [
        new InstrumentationNodeModuleFile(
          'kafkajs/src/index.js',
          SUPPORTED_VERSIONS,
          (Kafka: KafkaClass) => this.patchKafkaClass(Kafka),
          (Kafka?: KafkaClass) => {
            if (Kafka) restoreClientPrototype(Kafka, (object, name) => this._unwrap(object, name));
          },
        ),
      ],
    );
  }

  override enable(): void {
    super.enable();
    sharedState().telemetry = this.telemetry;
  }

  override disable(): void {
    super.disable();
    for (const Kafka of this.manuallyPatched ?? []) this.restore(Kafka);
    this.manuallyPatched?.clear();
    if (sharedState().telemetry === this.kafkaTelemetry) sharedState().telemetry = undefined;
  }

  /**
   * Instruments a kafkajs module that was loaded where the require hook cannot see it (a bundle,
   * Jest's module registry): replaces its `Kafka` export with the instrumented class.
   */
  instrumentModule(kafkajs: { Kafka: object }): void {
    const Kafka = this.patchKafkaClass(kafkajs.Kafka as KafkaClass);
    kafkajs.Kafka = Kafka;
    this.manuallyPatched ??= new Set();
    this.manuallyPatched.add(Kafka);
  }

  private restore(Kafka: KafkaClass): void {
    restoreClientPrototype(Kafka, (object, name) => this._unwrap(object, name));
  }

  private patchKafkaClass(Kafka: KafkaClass): KafkaClass {
    const active = () => this.isEnabled();
    instrumentClientPrototype(Kafka, this.telemetry, active, (object, name, wrapper) =>
      this._wrap(object, name, wrapper),
    );
    return proxyKafkaClass(Kafka, active);
  }
}
