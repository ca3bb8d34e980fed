import { context } from '@opentelemetry/api';
import { guard } from './guard.js';
import { carryContext, runInCarriedContext } from './message-context.js';

/**
 * Messages to and from your own `worker_threads` workers that carry the sender's context beside
 * the value, out of band: the value is posted inside an envelope (`{ [key]: carrier, value }`)
 * and the receiving listener gets it unchanged, run in the sender's context. Transfer lists work
 * as with `postMessage` (the value is cloned or transferred the same way inside the envelope).
 */
const ENVELOPE = '__msgtraceContext';

interface Envelope {
  [ENVELOPE]: Record<string, string>;
  value: unknown;
}

/** What can post: a `Worker`, a `MessagePort`, `parentPort`, a `BroadcastChannel`. */
export interface MessageTarget {
  postMessage(value: unknown, transferList?: readonly unknown[]): void;
}

/** What can receive: a `Worker`, a `MessagePort`, `parentPort` (node-style `on`/`off`). */
export interface MessageSource {
  on(event: 'message', listener: (value: unknown) => void): unknown;
  off(event: 'message', listener: (value: unknown) => void): unknown;
}

function isEnvelope(value: unknown): value is Envelope {
  return typeof value === 'object' && value !== null && ENVELOPE in value && 'value' in value;
}

/**
 * Posts `value` with the active context (or `ctx`) beside it. With no span in that context, the
 * envelope carries an empty carrier: the receiver runs the listener in the root context.
 */
export function postMessageWithContext(
  target: MessageTarget,
  value: unknown,
  transferList?: readonly unknown[],
  ctx = context.active(),
): void {
  const carrier = guard('carrying a context to a worker', () => carryContext(ctx)) ?? {};
  const envelope: Envelope = { [ENVELOPE]: carrier, value };
  if (transferList) target.postMessage(envelope, transferList);
  else target.postMessage(envelope);
}

/**
 * Calls `listener` with each message's value, inside the context its sender posted with
 * {@link postMessageWithContext}; anything posted without it reaches `listener` as it came.
 * Returns a function that removes the listener.
 */
export function onMessageWithContext(
  source: MessageSource,
  listener: (value: unknown) => void,
): () => void {
  const receive = (message: unknown) => {
    if (!isEnvelope(message)) {
      listener(message);
      return;
    }
    runInCarriedContext(message[ENVELOPE], () => listener(message.value));
  };
  source.on('message', receive);
  return () => {
    source.off('message', receive);
  };
}
