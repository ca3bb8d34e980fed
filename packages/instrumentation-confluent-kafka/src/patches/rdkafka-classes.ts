import { guard } from '@msgtrace/core';
import type { ConsumerInfo } from '@msgtrace/kafka-shared';
import { confluentClientInfo } from '../describe.js';

/** An rdkafka-style client class (`Producer`, `KafkaConsumer`), as far as msgtrace touches it. */
export interface RdKafkaClass {
  new (...args: never[]): object;
  prototype: object;
}

// What each client was configured with, read when it was constructed.
const infos = new WeakMap<object, ConsumerInfo>();
const proxies = new WeakSet<object>();

export function rdKafkaInfoOf(client: unknown): ConsumerInfo {
  return (client && typeof client === 'object' && infos.get(client)) || {};
}

/**
 * The class behind a transparent proxy that reads each new client's configuration
 * (`new Producer(globalConf, topicConf)`). It stays in place after `disable()`, doing nothing
 * but construct.
 */
export function proxyRdKafkaClass<C extends RdKafkaClass>(Class: C, active: () => boolean): C {
  if (proxies.has(Class)) return Class;
  const proxy = new Proxy(Class, {
    construct(target, args, newTarget) {
      const client = Reflect.construct(target, args, newTarget) as object;
      if (active())
        guard('confluent-kafka rdkafka config', () =>
          infos.set(client, confluentClientInfo(args[0])),
        );
      return client;
    },
  });
  proxies.add(proxy);
  return proxy;
}
