/**
 * kafkajs's calls as the shared Kafka model reads them. The operations themselves (send, process,
 * batch, their attributes) are described once, for both Kafka clients, in `@msgtrace/kafka-shared`;
 * what is kafkajs's own is where its options live. Pure: arguments in, values out.
 */
export { clientInfoFrom } from '@msgtrace/kafka-shared';

/** The consumer group of `kafka.consumer({ groupId })`'s arguments, if it names one. */
export function consumerGroupOf(args: readonly unknown[]): string | undefined {
  const options = args[0];
  if (!options || typeof options !== 'object') return undefined;
  const { groupId } = options as { groupId?: unknown };
  return typeof groupId === 'string' && groupId ? groupId : undefined;
}
