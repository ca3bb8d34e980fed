import {
  guard,
  type AwsHandler as Handler,
  type AwsHandlerArgs as HandlerArgs,
  type AwsHandlerContext as HandlerContext,
  type AwsHandlerOutput as HandlerOutput,
  type AwsInitializeMiddleware as Middleware,
  awsEndpointOf as serverOf,
} from '@msgtrace/core';
import { context as otelContext } from '@opentelemetry/api';
import type { KinesisTelemetry } from '../telemetry.js';

export type { AwsHandler as Handler, AwsHandlerArgs as HandlerArgs } from '@msgtrace/core';

/**
 * The client middleware, at the `initialize` step: outside retries, so one span per call, and
 * before serialization and signing, so a copied input with context in its records is what gets
 * signed and sent. `disable()` cannot reach every client that has this middleware, so it checks
 * `active()` on every call and otherwise passes straight through.
 */
export function kinesisMiddleware(telemetry: KinesisTelemetry, active: () => boolean): Middleware {
  return (next, handlerContext) => (args) => {
    if (!active()) return next(args);
    switch (handlerContext.commandName) {
      case 'PutRecordCommand':
      case 'PutRecordsCommand':
        return put(telemetry, next, handlerContext, args);
      case 'GetRecordsCommand':
        return getRecords(telemetry, next, handlerContext, args);
      case 'GetShardIteratorCommand':
        return next(args).then((result) => {
          guard('kinesis GetShardIterator', () =>
            telemetry.rememberShardIterator(args.input, result.output),
          );
          return result;
        });
      default:
        return next(args);
    }
  };
}

async function put(
  telemetry: KinesisTelemetry,
  next: Handler,
  handlerContext: HandlerContext,
  args: HandlerArgs,
): Promise<HandlerOutput> {
  const single = handlerContext.commandName === 'PutRecordCommand';
  const prepared = guard('kinesis put (before the call)', () =>
    single
      ? telemetry.preparePutRecord(args.input as Record<string, unknown>)
      : telemetry.preparePutRecords(args.input as Record<string, unknown>),
  );
  if (!prepared) return next(args);
  let result: HandlerOutput;
  try {
    result = await otelContext.with(prepared.context, () =>
      next({ ...args, input: prepared.input }),
    );
  } catch (error) {
    guard('kinesis put (recording an error)', () =>
      prepared.end(undefined, error, serverOf(handlerContext)),
    );
    throw error;
  }
  guard('kinesis put (after the call)', () =>
    prepared.end(result.output, undefined, serverOf(handlerContext)),
  );
  return result;
}

async function getRecords(
  telemetry: KinesisTelemetry,
  next: Handler,
  handlerContext: HandlerContext,
  args: HandlerArgs,
): Promise<HandlerOutput> {
  const start = guard('kinesis GetRecords (before the call)', () =>
    telemetry.receiveStart(args.input),
  );
  if (!start) return next(args);
  let result: HandlerOutput;
  try {
    result = await next(args);
  } catch (error) {
    guard('kinesis GetRecords (recording an error)', () =>
      telemetry.receiveFailed(start, error, serverOf(handlerContext)),
    );
    throw error;
  }
  const output = guard('kinesis GetRecords (after the call)', () =>
    telemetry.received(start, result.output, serverOf(handlerContext)),
  );
  return output === undefined || output === result.output ? result : { ...result, output };
}
