import { EventEmitter } from 'node:events';

/**
 * A stand-in for `@confluentinc/kafka-javascript` with the shape msgtrace patches and no native
 * addon: the rdkafka-style `Producer` and `KafkaConsumer`, and a KafkaJS API whose producer
 * sends through an internal `Producer` and whose `sendBatch` calls `send` per topic, as the real
 * one does.
 */
export type Headers = Record<string, Buffer | string>[];
export type ProduceCall = unknown[];

export interface Entry {
  KafkaJS: { Kafka: typeof FakeKafka };
  Producer: typeof FakeProducer;
  KafkaConsumer: typeof FakeConsumer;
  RdKafka: { Producer: typeof FakeProducer; KafkaConsumer: typeof FakeConsumer };
}

export class FakeProducer {
  static calls: ProduceCall[] = [];
  static failWith: unknown;
  constructor(
    readonly config: unknown,
    readonly topicConfig?: unknown,
  ) {}
  produce(...args: unknown[]): boolean {
    FakeProducer.calls.push(args);
    if (FakeProducer.failWith) throw FakeProducer.failWith;
    return true;
  }
}

export class FakeConsumer extends EventEmitter {
  /** What the next `consume(n, cb)` hands its callback. */
  next: { error?: unknown; messages?: unknown[] } = { messages: [] };
  constructor(
    readonly config: unknown,
    readonly topicConfig?: unknown,
  ) {
    super();
  }
  consume(count?: unknown, callback?: unknown): void {
    const cb = (typeof count === 'function' ? count : callback) as
      | ((error: unknown, messages?: unknown[]) => void)
      | undefined;
    setImmediate(() => {
      const { error, messages = [] } = this.next;
      if (!error) for (const message of messages) this.emit('data', message);
      cb?.(error ?? null, error ? undefined : messages);
    });
  }
}

export function fakeEntry(): Entry {
  const rdkafka = { Producer: FakeProducer, KafkaConsumer: FakeConsumer };
  class KafkaJsProducer {
    constructor(readonly config: unknown) {}
    async send(record: { topic: string; messages: { value: unknown; headers?: object }[] }) {
      // The real KafkaJS API converts and produces through its internal rdkafka Producer.
      const internal = new rdkafka.Producer({});
      for (const message of record.messages) {
        internal.produce(record.topic, -1, message.value, null, 0, null, message.headers);
      }
      return [{ topicName: record.topic, partition: 0, baseOffset: '7' }];
    }
    async sendBatch(batch: { topicMessages: { topic: string; messages: { value: unknown }[] }[] }) {
      const results = [];
      for (const entry of batch.topicMessages) results.push(...(await this.send(entry)));
      return results;
    }
    async transaction() {
      return this;
    }
    async commit() {}
    async abort() {}
  }
  class KafkaJsConsumer {
    config: Record<string, unknown> | undefined;
    constructor(readonly options: unknown) {}
    async run(config: Record<string, unknown>) {
      this.config = config;
      // The real consumer's loop pulls through its internal rdkafka consumer.
      const internal = new rdkafka.KafkaConsumer({});
      internal.next = { messages: [rawMessage('internal', 0, 0, undefined)] };
      await new Promise((resolve) => internal.consume(10, resolve));
    }
  }
  class Kafka {
    constructor(readonly config: unknown) {}
    producer(config?: unknown) {
      return new KafkaJsProducer(config);
    }
    consumer(config?: unknown) {
      return new KafkaJsConsumer(config);
    }
  }
  return {
    KafkaJS: { Kafka: Kafka as unknown as typeof FakeKafka },
    Producer: FakeProducer,
    KafkaConsumer: FakeConsumer,
    RdKafka: { ...rdkafka },
  };
}

/** Only the type: the KafkaJS-API class `fakeEntry` makes. */
export declare class FakeKafka {
  constructor(config: unknown);
  producer(config?: unknown): {
    send(record: unknown): Promise<unknown>;
    sendBatch(batch: unknown): Promise<unknown>;
    transaction(): Promise<{
      send(record: unknown): Promise<unknown>;
      commit(): Promise<void>;
    }>;
  };
  consumer(config?: unknown): {
    config: Record<string, (payload: unknown) => Promise<unknown>> | undefined;
    run(config: unknown): Promise<void>;
  };
}

export function rawMessage(
  topic: string,
  partition: number,
  offset: number,
  headers: Headers | undefined,
  value: Buffer | null = Buffer.from('v'),
) {
  return {
    topic,
    partition,
    offset,
    value,
    key: null,
    timestamp: Date.now() - 500,
    headers,
    size: 1,
  };
}
