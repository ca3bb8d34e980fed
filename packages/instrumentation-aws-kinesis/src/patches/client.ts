import { guard, unwrapMethod, wrapMethod } from '@msgtrace/core';
import type { KinesisTelemetry } from '../telemetry.js';
import { kinesisMiddleware, type Middleware } from './middleware.js';

/** What this package needs of `@aws-sdk/client-kinesis`'s exports. */
export interface KinesisModule {
  KinesisClient?: { prototype: object };
}

interface ClientLike {
  middlewareStack?: {
    add(middleware: Middleware, options: Record<string, unknown>): void;
  };
  handlers?: unknown;
}

type Send = (this: ClientLike, ...args: unknown[]) => unknown;

const MIDDLEWARE_NAME = 'msgtraceKinesis';

/**
 * Gives `KinesisClient.prototype` an own `send` (the SDK's is inherited from smithy's `Client`,
 * shared by every AWS client, so it is never touched) that adds the msgtrace middleware to a
 * client on its first call. This covers the aggregated `Kinesis` class too, which extends
 * `KinesisClient`.
 */
export function instrumentKinesisModule(
  module: KinesisModule,
  telemetry: KinesisTelemetry,
  active: () => boolean,
): KinesisModule {
  const prototype = module?.KinesisClient?.prototype as { send?: Send } | undefined;
  if (!prototype || typeof prototype.send !== 'function') return module;
  const middleware = kinesisMiddleware(telemetry, active);
  // Clients that have this middleware. Per patch, not global: after disable() and a new enable(),
  // clients get the new middleware, which replaces the old one (same name, `override`).
  const instrumented = new WeakSet<object>();
  wrapMethod(
    prototype as { send: Send },
    'send',
    (original) =>
      function send(this: ClientLike, ...args: unknown[]) {
        if (active() && !instrumented.has(this)) {
          instrumented.add(this);
          guard('kinesis client middleware', () => {
            this.middlewareStack?.add(middleware, {
              step: 'initialize',
              name: MIDDLEWARE_NAME,
              override: true,
            });
            // With `cacheMiddleware`, handlers resolved before this call would skip the middleware.
            delete this.handlers;
          });
        }
        return original.apply(this, args);
      },
  );
  return module;
}

/** Takes the own `send` away again; clients keep their middleware, which then passes through. */
export function restoreKinesisModule(module: KinesisModule): void {
  const prototype = module?.KinesisClient?.prototype as { send?: Send } | undefined;
  if (!prototype || !Object.hasOwn(prototype, 'send')) return;
  unwrapMethod(prototype as { send: Send }, 'send');
  // Unwrapping assigned the inherited `send` as an own property: remove it, so the prototype is
  // as the SDK made it and a later enable() wraps again.
  const inherited = (Object.getPrototypeOf(prototype) as { send?: Send } | null)?.send;
  if (prototype.send === inherited) delete prototype.send;
}
