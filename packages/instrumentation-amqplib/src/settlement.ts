import { guard, reportInternalError } from '@msgtrace/core';

/** What ends a delivered message's `process` span. */
export type Settlement = 'ack' | 'nack' | 'reject' | 'auto-ack' | 'channel-closed' | 'timeout';

/** A delivered message whose `process` span is open until it is settled. */
export interface OpenDelivery {
  settle(outcome: Settlement, requeue?: boolean): void;
  /**
   * When it times out (ms since epoch), or Infinity: set by `track`, on the delivery itself so
   * that an open delivery is one object, not two.
   */
  deadline?: number;
}

interface ChannelLike {
  once?: (event: string, listener: () => void) => unknown;
}

type Tracked = OpenDelivery & { deadline: number };

// Per channel, the open deliveries by delivery tag (tags are per channel and increase).
const open = new WeakMap<object, Map<number, Tracked>>();
// One sweep timer per channel with deliveries that can time out, not one timer per message.
const sweepers = new WeakMap<object, NodeJS.Timeout>();

/**
 * Ends one delivery's span. Run from timers, the channel's `close` event and after the app's
 * ack: a throw there (a span processor's `onEnd`, a metric reader) would reach the host or stop
 * the other deliveries of the same sweep from ending, so each one is guarded on its own.
 */
function end(tracked: Tracked, outcome: Settlement, requeue?: boolean): void {
  try {
    tracked.settle(outcome, requeue);
  } catch (error) {
    reportInternalError(`amqplib ${outcome} settlement`, error);
  }
}

function sweep(channel: object): void {
  const deliveries = open.get(channel);
  const now = Date.now();
  for (const [tag, tracked] of deliveries ?? []) {
    if (tracked.deadline <= now) {
      deliveries?.delete(tag);
      end(tracked, 'timeout');
    }
  }
  if (!deliveries || deliveries.size === 0) {
    clearInterval(sweepers.get(channel));
    sweepers.delete(channel);
  }
}

function ensureSweeper(channel: object, timeoutMs: number): void {
  if (sweepers.has(channel)) return;
  // A timer callback's throw is an uncaught exception in the host: the sweep runs guarded.
  const timer = setInterval(
    () => guard('amqplib settle-timeout sweep', () => sweep(channel)),
    Math.max(10, Math.min(timeoutMs / 2, 1_000)),
  );
  timer.unref();
  sweepers.set(channel, timer);
}

function deliveriesOf(channel: object): Map<number, Tracked> {
  let deliveries = open.get(channel);
  if (!deliveries) {
    deliveries = new Map();
    open.set(channel, deliveries);
    // A closed channel settles nothing more: its messages go back to the queue, and their
    // spans end here rather than never.
    // The listener runs inside amqplib's emit: a throw would break the library's close path.
    guard('amqplib channel close listener', () =>
      (channel as ChannelLike).once?.('close', () =>
        guard('amqplib channel close', () => settleAll(channel, 'channel-closed', true)),
      ),
    );
  }
  return deliveries;
}

/** Keeps a delivery open until it is settled, or `timeoutMs` (0: no timeout) passes. */
export function track(
  channel: object,
  deliveryTag: number,
  delivery: OpenDelivery,
  timeoutMs: number,
): void {
  delivery.deadline = timeoutMs > 0 ? Date.now() + timeoutMs : Number.POSITIVE_INFINITY;
  deliveriesOf(channel).set(deliveryTag, delivery as Tracked);
  if (timeoutMs > 0) ensureSweeper(channel, timeoutMs);
}

/**
 * Whether a delivery of `channel` was ever tracked: when not (nothing sampled, no metrics), its
 * acks have nothing to end and skip the lookups.
 */
export function isTracking(channel: object): boolean {
  return open.has(channel);
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
    const tracked = deliveries.get(deliveryTag);
    deliveries.delete(deliveryTag);
    if (tracked) end(tracked, outcome, requeue);
    return;
  }
  for (const [tag, tracked] of deliveries) {
    if (tag <= deliveryTag) {
      deliveries.delete(tag);
      end(tracked, outcome, requeue);
    }
  }
}

/** `ackAll` / `nackAll`, or the channel closing. */
export function settleAll(channel: object, outcome: Settlement, requeue?: boolean): void {
  const deliveries = open.get(channel);
  if (!deliveries) return;
  const all = [...deliveries.values()];
  deliveries.clear();
  for (const tracked of all) end(tracked, outcome, requeue);
}

/**
 * How many of `channel`'s deliveries still have an open `process` span: read by the fault suite
 * to prove the bookkeeping empties after reconnects, channel errors and crashes. Costs nothing
 * per message (it reads the map `track` fills anyway).
 *
 * @internal For tests; not an application API.
 */
export function openDeliveries(channel: object): number {
  return open.get(channel)?.size ?? 0;
}
