import {
  type AwsInitializeMiddleware,
  instrumentAwsClient,
  restoreAwsClient,
} from '@msgtrace/core';

/** The exports of `@aws-sdk/client-sqs`'s CommonJS entry that msgtrace patches. */
export interface SqsClientModule {
  SQSClient?: { prototype: object };
}

export const MIDDLEWARE_NAME = 'msgtraceSqs';

/** Adds the msgtrace middleware to every `SQSClient` (and `SQS`) on its first call. */
export function instrumentClientModule(
  exports: SqsClientModule,
  middleware: AwsInitializeMiddleware,
  active: () => boolean,
): SqsClientModule {
  instrumentAwsClient(exports?.SQSClient?.prototype, MIDDLEWARE_NAME, middleware, active);
  return exports;
}

export function restoreClientModule(exports: SqsClientModule): void {
  restoreAwsClient(exports?.SQSClient?.prototype);
}
