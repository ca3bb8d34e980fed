import {
  type LibraryFile,
  MessagingInstrumentationBase,
  type TelemetrySource,
} from '@msgtrace/core';
import {
  instrumentClientFactories,
  type KafkaHooks,
  type KafkaTelemetry,
  restoreClientFactories,
} from '@msgtrace/kafka-shared';
import { KAFKAJS_LAYER } from './layer.js';
import { instrumentRdKafkaConsumer, restoreRdKafkaConsumer } from './patches/consumer.js';
import {
  KAFKAJS_API_CLIENT_INFO,
  type KafkaJsApiExports,
  proxyKafkaJsApiClass,
} from './patches/kafkajs-api.js';
import { instrumentRdKafkaProducer, restoreRdKafkaProducer } from './patches/producer.js';
import { proxyRdKafkaClass, type RdKafkaClass } from './patches/rdkafka-classes.js';
import { confluentTelemetry } from './telemetry.js';
import type { ConfluentKafkaInstrumentationConfig } from './types.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

/** `@confluentinc/kafka-javascript` versions this package is tested against: 1.0.0 and 1.10.1. */
export const SUPPORTED_VERSIONS = ['>=1.0.0 <2'] as const;

const MODULE = '@confluentinc/kafka-javascript';

/**
 * OpenTelemetry instrumentation for `@confluentinc/kafka-javascript`: its KafkaJS API (through
 * the same hooks and telemetry as `@msgtrace/instrumentation-kafkajs`) and its rdkafka-style
 * `Producer` and `KafkaConsumer`. Register it like any other instrumentation, or load
 * `@msgtrace/instrumentation-confluent-kafka/register`.
 */
export class ConfluentKafkaInstrumentation extends MessagingInstrumentationBase<
  ConfluentKafkaInstrumentationConfig,
  KafkaTelemetry
> {
  constructor(config: ConfluentKafkaInstrumentationConfig = {}) {
    super(PACKAGE_NAME, PACKAGE_VERSION, config);
  }

  protected createTelemetry(
    source: TelemetrySource<ConfluentKafkaInstrumentationConfig>,
  ): KafkaTelemetry {
    return confluentTelemetry(source);
  }

  private hooks(): KafkaHooks {
    return { telemetry: this.telemetry, active: () => this.isEnabled(), layer: KAFKAJS_LAYER };
  }

  protected libraryFiles(): LibraryFile<unknown>[] {
    const active = () => this.isEnabled();
    const kafkaJsApi: LibraryFile<KafkaJsApiExports> = {
      module: MODULE,
      file: 'lib/kafkajs/_kafka.js',
      versions: SUPPORTED_VERSIONS[0],
      patch: (exports) => {
        instrumentClientFactories(exports.Kafka, KAFKAJS_API_CLIENT_INFO, this.hooks());
        // The namespace object is the library's own (`KafkaJS` is this file's exports).
        exports.Kafka = proxyKafkaJsApiClass(exports.Kafka, active);
        return exports;
      },
      unpatch: (exports) => restoreClientFactories(exports.Kafka),
    };
    const producer: LibraryFile<RdKafkaClass> = {
      module: MODULE,
      file: 'lib/producer.js',
      versions: SUPPORTED_VERSIONS[0],
      patch: (Producer) => {
        instrumentRdKafkaProducer(Producer, this.hooks());
        return proxyRdKafkaClass(Producer, active);
      },
      unpatch: (Producer) => restoreRdKafkaProducer(Producer),
    };
    const consumer: LibraryFile<RdKafkaClass> = {
      module: MODULE,
      file: 'lib/kafka-consumer.js',
      versions: SUPPORTED_VERSIONS[0],
      patch: (KafkaConsumer) => {
        instrumentRdKafkaConsumer(KafkaConsumer, this.hooks());
        return proxyRdKafkaClass(KafkaConsumer, active);
      },
      unpatch: (KafkaConsumer) => restoreRdKafkaConsumer(KafkaConsumer),
    };
    return [kafkaJsApi, producer, consumer] as LibraryFile<unknown>[];
  }

  /**
   * Instruments a copy loaded where the loader hook cannot see it (a bundle, Jest's registry).
   * Given the package's entry (`instrumentModule('@confluentinc/kafka-javascript',
   * require('@confluentinc/kafka-javascript'))`), it patches `KafkaJS` and replaces `Producer`
   * and `KafkaConsumer` on the entry and its `RdKafka` namespace; a file name patches that file's
   * exports.
   */
  override instrumentModule(file: string, exports: object): void {
    if (file !== MODULE || !exports || typeof exports !== 'object') {
      super.instrumentModule(file, exports);
      return;
    }
    const [kafkaJsApi, producer, consumer] = this.libraryFiles();
    const entry = exports as Record<string, unknown>;
    const namespaces = [entry, entry.RdKafka].filter(
      (namespace): namespace is Record<string, unknown> =>
        !!namespace && typeof namespace === 'object',
    );
    if (kafkaJsApi && entry.KafkaJS && typeof entry.KafkaJS === 'object') {
      this.patchLoaded(kafkaJsApi, entry.KafkaJS);
    }
    for (const [name, file] of [
      ['Producer', producer],
      ['KafkaConsumer', consumer],
    ] as const) {
      const original = entry[name];
      if (!file || typeof original !== 'function') continue;
      const patched = this.patchLoaded(file, original);
      for (const namespace of namespaces) {
        if (namespace[name] === original) namespace[name] = patched;
      }
    }
  }
}
