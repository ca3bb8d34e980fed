import {
  type AwsCall,
  type AwsInitializeMiddleware,
  awsEndpointOf,
  invokeAwsCall,
} from '@msgtrace/core';
import type { KinesisTelemetry } from '../telemetry.js';

export type { AwsHandler as Handler, AwsHandlerArgs as HandlerArgs } from '@msgtrace/core';

/** How the Kinesis commands msgtrace traces are prepared; other commands pass through untouched. */
function preparerFor(
  telemetry: KinesisTelemetry,
  command: unknown,
  input: Record<string, unknown>,
  // Read when the answer arrives: the SDK resolves the endpoint after this middleware runs.
  server: () => ReturnType<typeof awsEndpointOf>,
): (() => AwsCall) | undefined {
  switch (command) {
    case 'PutRecordCommand':
      return () => telemetry.putRecord(input, server);
    case 'PutRecordsCommand':
      return () => telemetry.putRecords(input, server);
    case 'GetRecordsCommand':
      return () => telemetry.getRecords(input, server);
    case 'GetShardIteratorCommand':
      return () => telemetry.getShardIterator(input);
    default:
      return undefined;
  }
}

/**
 * The client middleware, at the `initialize` step: outside retries, so one span per call, and
 * before serialization and signing, so a copied input with context in its records is what gets
 * signed and sent. `disable()` cannot reach every client that has this middleware, so it checks
 * `active()` on every call and otherwise passes straight through.
 */
export function kinesisMiddleware(
  telemetry: KinesisTelemetry,
  active: () => boolean,
): AwsInitializeMiddleware {
  return (next, handlerContext) => (args) => {
    if (!active() || !args || typeof args.input !== 'object' || args.input === null) {
      return next(args);
    }
    const command = handlerContext.commandName;
    const prepare = preparerFor(telemetry, command, args.input as Record<string, unknown>, () =>
      awsEndpointOf(handlerContext),
    );
    if (!prepare) return next(args);
    return invokeAwsCall(`kinesis ${String(command)}`, next, args, prepare);
  };
}
