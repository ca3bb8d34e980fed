import { type AnyFunction, guard, invokeInstrumented } from '@msgtrace/core';
import { context, type SpanContext } from '@opentelemetry/api';
import type { ClientInfo } from '../client-info.js';
import { SEND, SEND_BATCH, type SendShape } from '../describe.js';
import type { KafkaCall } from '../telemetry.js';
import { prepareTransactionEnd } from '../transaction-end.js';
import type { KafkaHooks } from './hooks.js';

type Producer = Record<string, unknown>;

/** The send spans of the transaction a send belongs to, or undefined outside one. */
type Sends = () => SpanContext[] | undefined;

function inner(call: KafkaCall | undefined, hooks: KafkaHooks): KafkaCall | undefined {
  if (!call || !hooks.layer) return call;
  return { ...call, context: hooks.layer.enter(call.context ?? context.active()) };
}

function wrapSend(
  original: AnyFunction,
  shape: SendShape,
  client: ClientInfo,
  hooks: KafkaHooks,
  sends: Sends,
): AnyFunction {
  const { telemetry, active } = hooks;
  return function instrumentedSend(this: unknown, ...args: unknown[]) {
    if (!active() || hooks.layer?.inside(context.active())) return original.apply(this, args);
    return invokeInstrumented(
      `${telemetry.label} ${shape.name}`,
      original,
      this,
      args,
      (callArgs) => inner(telemetry.prepareSend(client, shape, callArgs, sends()), hooks),
    );
  };
}

function wrapTransactionEnd(
  original: AnyFunction,
  outcome: 'commit' | 'abort',
  client: ClientInfo,
  hooks: KafkaHooks,
  sends: () => SpanContext[],
): AnyFunction {
  const { telemetry, active } = hooks;
  return function instrumentedTransactionEnd(this: unknown, ...args: unknown[]) {
    if (!active()) return original.apply(this, args);
    return invokeInstrumented(
      `${telemetry.label} transaction ${outcome}`,
      original,
      this,
      args,
      () => prepareTransactionEnd(telemetry, outcome, client, sends()),
    );
  };
}

function replace(target: Producer, name: string, wrap: (original: AnyFunction) => AnyFunction) {
  const original = target[name];
  if (typeof original === 'function') target[name] = wrap(original as AnyFunction);
}

/** A transaction object of its own (kafkajs): its sends, commit and abort. */
function instrumentTransaction(transaction: Producer, client: ClientInfo, hooks: KafkaHooks): void {
  const sends: SpanContext[] = [];
  replace(transaction, 'send', (o) => wrapSend(o, SEND, client, hooks, () => sends));
  replace(transaction, 'sendBatch', (o) => wrapSend(o, SEND_BATCH, client, hooks, () => sends));
  replace(transaction, 'commit', (o) =>
    wrapTransactionEnd(o, 'commit', client, hooks, () => sends),
  );
  replace(transaction, 'abort', (o) => wrapTransactionEnd(o, 'abort', client, hooks, () => sends));
}

/**
 * Instruments one producer the client made: its `send`, `sendBatch` and the transactions it
 * opens. kafkajs's `transaction()` returns an object of its own; the Confluent client's returns
 * the producer itself, whose `commit` / `abort` then end the transaction its sends joined. The
 * producer object belongs to the client, not the caller; the caller's records and messages are
 * only ever copied.
 */
export function instrumentProducer(producer: unknown, client: ClientInfo, hooks: KafkaHooks): void {
  if (!producer || typeof producer !== 'object') return;
  const target = producer as Producer;
  // The open transaction when the producer is its own transaction object.
  let open: SpanContext[] | undefined;
  replace(target, 'send', (o) => wrapSend(o, SEND, client, hooks, () => open));
  replace(target, 'sendBatch', (o) => wrapSend(o, SEND_BATCH, client, hooks, () => open));
  const ending = (outcome: 'commit' | 'abort') => (original: AnyFunction) =>
    wrapTransactionEnd(original, outcome, client, hooks, () => {
      const sends = open ?? [];
      open = undefined;
      return sends;
    });
  replace(target, 'commit', ending('commit'));
  replace(target, 'abort', ending('abort'));
  replace(
    target,
    'transaction',
    (transaction) =>
      async function instrumentedTransaction(this: unknown, ...args: unknown[]) {
        const opened = (await transaction.apply(this, args)) as Producer;
        if (hooks.active())
          guard(`${hooks.telemetry.label} transaction`, () => {
            if (opened === target) open = [];
            else instrumentTransaction(opened, client, hooks);
          });
        return opened;
      },
  );
}
