import {
  type LibraryFile,
  MessagingInstrumentationBase,
  type TelemetrySource,
  telemetrySlot,
} from '@msgtrace/core';
import type { Span } from '@opentelemetry/api';
import { clientInfoFrom } from '../../src/client-info';
import {
  type ClientInfoSource,
  instrumentClientFactories,
  type KafkaClass,
  restoreClientFactories,
} from '../../src/patches/factories';
import { type ProcessMessageOptions, processMessageWith } from '../../src/process-message';
import { KafkaTelemetry } from '../../src/telemetry';
import type { ConsumedMessage, KafkaInstrumentationConfig } from '../../src/types';

/**
 * A Kafka client package as small as one can be, for driving the shared hooks and telemetry
 * through a fake KafkaJS-API client: the client packages add only where their client keeps its
 * options, and their own suites test that.
 */
const NAME = '@msgtrace/kafka-shared-test';
const slot = telemetrySlot<KafkaTelemetry>(NAME);

const INFO: ClientInfoSource = {
  producer: (client) => clientInfoFrom((client as { options?: unknown }).options),
  consumer: (client, args) => {
    const { groupId } = (args[0] ?? {}) as { groupId?: unknown };
    return {
      ...clientInfoFrom((client as { options?: unknown }).options),
      ...(typeof groupId === 'string' ? { groupId } : {}),
    };
  },
};

export class FakeKafkaInstrumentation extends MessagingInstrumentationBase<
  KafkaInstrumentationConfig,
  KafkaTelemetry
> {
  constructor(config: KafkaInstrumentationConfig = {}) {
    super(NAME, '0.0.0', config);
  }

  protected createTelemetry(source: TelemetrySource<KafkaInstrumentationConfig>): KafkaTelemetry {
    return new KafkaTelemetry(source, 'fake-kafka');
  }

  protected libraryFiles(): LibraryFile<KafkaClass>[] {
    return [
      {
        module: 'fake-kafka',
        file: 'index.js',
        versions: '>=1.0.0',
        entryExport: 'Kafka',
        patch: (Kafka) => {
          instrumentClientFactories(Kafka, INFO, {
            telemetry: this.telemetry,
            active: () => this.isEnabled(),
          });
          return Kafka;
        },
        unpatch: (Kafka) => restoreClientFactories(Kafka),
      },
    ];
  }
}

export function processMessage<T>(
  message: ConsumedMessage,
  work: (span: Span | undefined) => T,
  options?: ProcessMessageOptions,
): T {
  return processMessageWith(slot.current, message, work, options);
}
