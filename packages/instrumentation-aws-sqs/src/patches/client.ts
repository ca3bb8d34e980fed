import { unwrapMethod, wrapMethod } from '@msgtrace/core';
import { type InitializeMiddleware, MIDDLEWARE_NAME } from './middleware.js';

/** The SDK client as msgtrace sees it: a middleware stack and the `send` of `@smithy` `Client`. */
interface SdkClient {
  middlewareStack?: {
    add(
      middleware: InitializeMiddleware,
      options: { step: 'initialize'; name: string; override: boolean },
    ): void;
  };
  handlers?: unknown;
  send(...args: unknown[]): unknown;
}

/** The exports of `@aws-sdk/client-sqs`'s CommonJS entry that msgtrace patches. */
export interface SqsClientModule {
  SQSClient?: { prototype: SdkClient };
}

/**
 * Gives `SQSClient.prototype` its own `send` that adds the middleware to a client on its first
 * call. That covers clients created before msgtrace was enabled, and the aggregated `SQS` class,
 * which extends `SQSClient`.
 */
export function instrumentClientModule(
  exports: SqsClientModule,
  middleware: () => InitializeMiddleware,
): SqsClientModule {
  const prototype = exports?.SQSClient?.prototype;
  if (!prototype) return exports;
  // Per patch, not per process: a later instrumentation's middleware (same name) replaces this one.
  const installed = new WeakSet<object>();
  wrapMethod(
    prototype,
    'send',
    (original) =>
      function send(this: SdkClient, ...args: unknown[]) {
        if (!installed.has(this) && this.middlewareStack) {
          installed.add(this);
          try {
            this.middlewareStack.add(middleware(), {
              step: 'initialize',
              name: MIDDLEWARE_NAME,
              override: true,
            });
            // A client that already sent holds resolved handlers without the middleware.
            delete this.handlers;
          } catch {
            // A stack that refuses the middleware leaves the client uninstrumented, never broken.
          }
        }
        return original.apply(this, args);
      },
  );
  return exports;
}

export function restoreClientModule(exports: SqsClientModule): void {
  const prototype = exports?.SQSClient?.prototype;
  if (prototype) unwrapMethod(prototype, 'send');
}
