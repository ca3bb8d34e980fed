import { instrumentAwsClient, restoreAwsClient } from '@msgtrace/core';
import type { KinesisTelemetry } from '../telemetry.js';
import { kinesisMiddleware } from './middleware.js';

/** What this package needs of `@aws-sdk/client-kinesis`'s exports. */
export interface KinesisModule {
  KinesisClient?: { prototype: object };
}

/** Adds the msgtrace middleware to every `KinesisClient` (and `Kinesis`) on its first call. */
export function instrumentKinesisModule(
  module: KinesisModule,
  telemetry: KinesisTelemetry,
  active: () => boolean,
): KinesisModule {
  instrumentAwsClient(
    module?.KinesisClient?.prototype,
    'msgtraceKinesis',
    kinesisMiddleware(telemetry, active),
    active,
  );
  return module;
}

export function restoreKinesisModule(module: KinesisModule): void {
  restoreAwsClient(module?.KinesisClient?.prototype);
}
