import { guard } from '@msgtrace/core';

/** What ends a delivered message's `process` span. */
export type Settlement = 'ack' | 'nack' | 'reject' | 'auto-ack' | 'channel-closed' | 'timeout';

/** A delivered message whose `process` span is open until it is settled. */
export interface OpenDelivery {
  settle(outcome: Settlement, requeue?: boolean): void;
}

interface ChannelLike {
  once?: (event: string, listener: () => void) => unknown;
}

// Per channel, the open deliveries by delivery tag (tags are per channel and increase).
const open = new WeakMap<object, Map<number, OpenDelivery>>();

function deliveriesOf(channel: object): Map<number, OpenDelivery> {
  let deliveries = open.get(channel);
  if (!deliveries) {
    deliveries = new Map();
    open.set(channel, deliveries);
    // A closed channel settles nothing more: its messages go back to the queue, and their
    // spans end here rather than never.
    guard('amqplib channel close listener', () =>
      (channel as ChannelLike).once?.('close', () => settleAll(channel, 'channel-closed', true)),
    );
  }
  return deliveries;
}

export function track(channel: object, deliveryTag: number, delivery: OpenDelivery): void {
  deliveriesOf(channel).set(deliveryTag, delivery);
}

export function forget(channel: object, deliveryTag: number): void {
  open.get(channel)?.delete(deliveryTag);
}

/** `ack` / `nack` / `reject` of one message, or of every message up to it with `allUpTo`. */
export function settle(
  channel: object,
  deliveryTag: unknown,
  allUpTo: boolean,
  outcome: Settlement,
  requeue?: boolean,
): void {
  const deliveries = open.get(channel);
  if (!deliveries || typeof deliveryTag !== 'number') return;
  if (!allUpTo) {
    const delivery = deliveries.get(deliveryTag);
    deliveries.delete(deliveryTag);
    delivery?.settle(outcome, requeue);
    return;
  }
  for (const [tag, delivery] of deliveries) {
    if (tag <= deliveryTag) {
      deliveries.delete(tag);
      delivery.settle(outcome, requeue);
    }
  }
}

/** `ackAll` / `nackAll`, or the channel closing. */
export function settleAll(channel: object, outcome: Settlement, requeue?: boolean): void {
  const deliveries = open.get(channel);
  if (!deliveries) return;
  const all = [...deliveries.values()];
  deliveries.clear();
  for (const delivery of all) delivery.settle(outcome, requeue);
}
