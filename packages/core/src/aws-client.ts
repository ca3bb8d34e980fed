import { guard } from './guard.js';
import { type InstrumentedCall, invokeInstrumented } from './instrumented-call.js';
import { unwrapMethod, wrapMethod } from './wrap.js';

/**
 * The parts of the AWS SDK v3 (smithy) middleware contract the AWS packages rely on, declared
 * structurally so core does not depend on the SDK.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export interface AwsHandlerArgs {
  input: object;
  [key: string]: unknown;
}
/** @internal Shared by the msgtrace broker packages; not an application API. */
export interface AwsHandlerOutput {
  output: object;
  [key: string]: unknown;
}
/** @internal Shared by the msgtrace broker packages; not an application API. */
export type AwsHandler = (args: AwsHandlerArgs) => Promise<AwsHandlerOutput>;
/** @internal Shared by the msgtrace broker packages; not an application API. */
export interface AwsHandlerContext {
  commandName?: unknown;
  endpointV2?: { url?: unknown };
}
/** @internal Shared by the msgtrace broker packages; not an application API. */
export type AwsInitializeMiddleware = (next: AwsHandler, context: AwsHandlerContext) => AwsHandler;

/**
 * What the SQS and Kinesis telemetry answer for one command. Its `args[0].input`, when given, is
 * the input to send instead of the caller's; the rest of the handler arguments go on unchanged.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export type AwsCall = InstrumentedCall<[{ input: object }], Promise<AwsHandlerOutput>>;

/**
 * Calls the next handler exactly once, instrumented as `prepare` decides (see
 * {@link invokeInstrumented}): the AWS packages' middlewares are this plus a switch over commands.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function invokeAwsCall(
  where: string,
  next: AwsHandler,
  args: AwsHandlerArgs,
  prepare: () => AwsCall | undefined,
): Promise<AwsHandlerOutput> {
  return invokeInstrumented<undefined, [AwsHandlerArgs], Promise<AwsHandlerOutput>>(
    where,
    next,
    undefined,
    [args],
    () => {
      const call = prepare();
      const replaced = call?.args?.[0];
      return call && replaced ? { ...call, args: [{ ...args, input: replaced.input }] } : call;
    },
  );
}

interface AwsClientLike {
  middlewareStack?: {
    add(middleware: AwsInitializeMiddleware, options: Record<string, unknown>): void;
  };
  handlers?: unknown;
}

type Send = (this: AwsClientLike, ...args: unknown[]) => unknown;

/**
 * Gives an SDK client class's prototype (`SQSClient`, `KinesisClient`) an own `send` that adds
 * `middleware` to each client on its first call, at the `initialize` step: outside retries (one
 * span per call) and before serialization and signing (a copied input with context in it is what
 * gets signed and sent). The inherited `send` belongs to smithy's `Client`, shared by every AWS
 * client, so it is never touched; the aggregated class (`SQS`, `Kinesis`) extends the patched one.
 *
 * A client cannot be found again to take the middleware off, so the middleware itself must check
 * `active()` and pass straight through once disabled.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function instrumentAwsClient(
  prototype: object | undefined,
  name: string,
  middleware: AwsInitializeMiddleware,
  active: () => boolean,
): void {
  const target = prototype as { send?: Send } | undefined;
  if (!target || typeof target.send !== 'function') return;
  // Per patch, not per process: after disable() and a new enable(), clients get the new
  // middleware, which replaces the old one (same name, `override`).
  const instrumented = new WeakSet<object>();
  wrapMethod(
    target as { send: Send },
    'send',
    (original) =>
      function send(this: AwsClientLike, ...args: unknown[]) {
        if (active() && !instrumented.has(this)) {
          instrumented.add(this);
          guard(`${name} client middleware`, () => {
            this.middlewareStack?.add(middleware, { step: 'initialize', name, override: true });
            // With `cacheMiddleware`, handlers resolved before this call would skip the middleware.
            delete this.handlers;
          });
        }
        return original.apply(this, args);
      },
  );
}

/**
 * Takes the own `send` away again; clients keep their middleware, which then passes through.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function restoreAwsClient(prototype: object | undefined): void {
  const target = prototype as { send?: Send } | undefined;
  if (!target || !Object.hasOwn(target, 'send')) return;
  unwrapMethod(target as { send: Send }, 'send');
  // Unwrapping assigned the inherited `send` as an own property: remove it, so the prototype is
  // as the SDK made it and a later enable() wraps again.
  const inherited = (Object.getPrototypeOf(target) as { send?: Send } | null)?.send;
  if (target.send === inherited) delete target.send;
}

/**
 * The endpoint the SDK resolved for a call (known once the call has run).
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function awsEndpointOf(context: AwsHandlerContext): { address?: string; port?: number } {
  const url = context.endpointV2?.url;
  if (!(url instanceof URL)) return {};
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return { address: url.hostname, port };
}

/**
 * `$metadata.requestId` of an AWS SDK answer or error.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function requestIdOf(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const metadata = (value as { $metadata?: { requestId?: unknown } }).$metadata;
  const id = metadata?.requestId;
  return typeof id === 'string' && id ? id : undefined;
}
