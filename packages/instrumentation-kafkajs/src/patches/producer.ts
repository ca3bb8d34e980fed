import { type AnyFunction, guard, invokeInstrumented } from '@msgtrace/core';
import type { SpanContext } from '@opentelemetry/api';
import type { ClientInfo } from '../client-info.js';
import { SEND, SEND_BATCH, type SendShape } from '../describe.js';
import type { KafkaTelemetry } from '../telemetry.js';
import { prepareTransactionEnd } from '../transaction-end.js';

type Producer = Record<string, unknown>;

function wrapSend(
  original: AnyFunction,
  shape: SendShape,
  client: ClientInfo,
  telemetry: KafkaTelemetry,
  active: () => boolean,
  sends?: SpanContext[],
): AnyFunction {
  return function instrumentedSend(this: unknown, ...args: unknown[]) {
    if (!active()) return original.apply(this, args);
    return invokeInstrumented(`kafkajs ${shape.name}`, original, this, args, (callArgs) =>
      telemetry.prepareSend(client, shape, callArgs, sends),
    );
  };
}

function wrapTransactionEnd(
  original: AnyFunction,
  outcome: 'commit' | 'abort',
  client: ClientInfo,
  telemetry: KafkaTelemetry,
  active: () => boolean,
  sends: SpanContext[],
): AnyFunction {
  return function instrumentedTransactionEnd(this: unknown, ...args: unknown[]) {
    if (!active()) return original.apply(this, args);
    return invokeInstrumented(`kafkajs transaction ${outcome}`, original, this, args, () =>
      prepareTransactionEnd(telemetry, outcome, client, sends),
    );
  };
}

function instrumentTransaction(
  transaction: Producer,
  client: ClientInfo,
  telemetry: KafkaTelemetry,
  active: () => boolean,
): void {
  const sends: SpanContext[] = [];
  const replace = (name: string, wrap: (original: AnyFunction) => AnyFunction) => {
    const original = transaction[name];
    if (typeof original === 'function') transaction[name] = wrap(original as AnyFunction);
  };
  replace('send', (o) => wrapSend(o, SEND, client, telemetry, active, sends));
  replace('sendBatch', (o) => wrapSend(o, SEND_BATCH, client, telemetry, active, sends));
  replace('commit', (o) => wrapTransactionEnd(o, 'commit', client, telemetry, active, sends));
  replace('abort', (o) => wrapTransactionEnd(o, 'abort', client, telemetry, active, sends));
}

/**
 * Instruments one producer kafkajs made: its `send`, `sendBatch` and the transactions it opens.
 * The producer object belongs to kafkajs, not the caller; the caller's records and messages are
 * only ever copied.
 */
export function instrumentProducer(
  producer: unknown,
  client: ClientInfo,
  telemetry: KafkaTelemetry,
  active: () => boolean,
): void {
  if (!producer || typeof producer !== 'object') return;
  const target = producer as Producer;
  const { send, sendBatch, transaction } = target;
  if (typeof send === 'function') {
    target.send = wrapSend(send as AnyFunction, SEND, client, telemetry, active);
  }
  if (typeof sendBatch === 'function') {
    target.sendBatch = wrapSend(sendBatch as AnyFunction, SEND_BATCH, client, telemetry, active);
  }
  if (typeof transaction === 'function') {
    target.transaction = async function instrumentedTransaction(this: unknown, ...args: unknown[]) {
      const opened = (await (transaction as AnyFunction).apply(this, args)) as Producer;
      if (active())
        guard('kafkajs transaction', () =>
          instrumentTransaction(opened, client, telemetry, active),
        );
      return opened;
    };
  }
}
