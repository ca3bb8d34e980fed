import { guard, reportInternalError } from './guard.js';
import type { MessagingOperationType, MessagingSystem } from './semconv.js';

/**
 * How a single message's `process` span relates to the span that created the message:
 * `child` continues the producer's trace (one tidy trace per message); `link` starts from the
 * consumer's own context (or a new root) and links to the producer, which is right for messages
 * processed much later, fan-in, or destinations whose traces would otherwise grow without end.
 */
export type PropagationModeName = 'child' | 'link';

/** What a propagation mode function is told about the message's destination. */
export interface DestinationInfo {
  system: MessagingSystem;
  /** Topic, queue, exchange or stream name. */
  destination: string;
  operation: MessagingOperationType;
}

/** A fixed mode, or one chosen per destination so one application can mix both. */
export type PropagationMode =
  | PropagationModeName
  | ((info: DestinationInfo) => PropagationModeName);

/** Single-message `process` spans continue the producer's trace unless told otherwise. */
export const DEFAULT_PROPAGATION_MODE: PropagationModeName = 'child';

function isModeName(value: unknown): value is PropagationModeName {
  return value === 'child' || value === 'link';
}

/**
 * The mode for one destination. A function that throws or answers something else is reported
 * once and the default is used: a configuration mistake must not stop message processing.
 */
export function resolvePropagationMode(
  mode: PropagationMode | undefined,
  info: DestinationInfo,
): PropagationModeName {
  if (mode === undefined) return DEFAULT_PROPAGATION_MODE;
  const chosen = typeof mode === 'function' ? guard('propagationMode', () => mode(info)) : mode;
  if (isModeName(chosen)) return chosen;
  if (chosen !== undefined) {
    reportInternalError(
      'propagationMode',
      new TypeError(`not 'child' or 'link': ${String(chosen)}`),
    );
  }
  return DEFAULT_PROPAGATION_MODE;
}
