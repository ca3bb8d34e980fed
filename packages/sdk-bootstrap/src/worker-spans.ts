import {
  BroadcastChannel,
  getEnvironmentData,
  isMainThread,
  setEnvironmentData,
} from 'node:worker_threads';
import { guard } from '@msgtrace/core';
import { TraceFlags, trace } from '@opentelemetry/api';
import { type EndedSpan, spanFromWire, spanToWire } from './span-wire.js';

/**
 * Worker threads hand their ended spans to the main thread, whose SDK exports them.
 *
 * Why: piscina and tinypool workers wait for tasks in `Atomics.wait`, which blocks their event
 * loop, so a batch processor's timer in an idle worker never fires and its spans die with the
 * thread. Posting an ended span is synchronous (the message sits in the main thread's queue the
 * moment `postMessage` returns, even if the worker blocks or is terminated right after), and the
 * main thread's event loop is the one that runs. One BroadcastChannel per process serves every
 * worker, nested ones included, with no handshake; the main thread announces that it listens
 * through `setEnvironmentData`, which every worker started afterwards inherits (and which, unlike
 * an environment variable, never leaks into child processes).
 */
const CHANNEL = 'msgtrace.worker-spans';
const ANNOUNCEMENT = 'msgtrace.worker-spans';

interface SpanSink {
  onEnd(span: EndedSpan): void;
}

/** The registered SDK's processor and resource (SDK 2.x and 3.x keep them in these fields). */
interface ProviderInternals {
  _activeSpanProcessor?: Partial<SpanSink>;
  _resource?: unknown;
}

function registeredProvider(): ProviderInternals | undefined {
  const proxy = trace.getTracerProvider() as { getDelegate?: () => unknown };
  const provider = (proxy.getDelegate?.() ?? proxy) as ProviderInternals;
  return typeof provider._activeSpanProcessor?.onEnd === 'function' && provider._resource
    ? provider
    : undefined;
}

/**
 * In the main thread, after the SDK started: feeds spans posted by worker threads to the SDK's
 * span processors, as if they had ended here, and tells workers started from now on to forward.
 * Does nothing when the registered provider is not one whose processors it can reach (then each
 * worker keeps exporting on its own). Returns whether workers will forward.
 */
export function acceptWorkerSpans(): boolean {
  if (!isMainThread) return false;
  const provider = registeredProvider();
  const sink = provider?._activeSpanProcessor as SpanSink | undefined;
  if (!provider || !sink) return false;
  const resource = provider._resource;
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event) => {
    guard('receiving a worker thread span', () => {
      const span = spanFromWire((event as MessageEvent).data, resource);
      if (span) sink.onEnd(span);
    });
  };
  // Listening must not keep the process alive; a span posted before a worker exits is delivered
  // while anything else (the pool, the exporter) still runs the loop.
  channel.unref();
  setEnvironmentData(ANNOUNCEMENT, CHANNEL);
  return true;
}

/** A span processor (structurally, for SDK 2.x and 3.x) that posts ended spans to the main thread. */
export class WorkerSpanForwarder {
  private channel: BroadcastChannel | undefined = new BroadcastChannel(CHANNEL);

  constructor() {
    // The channel must not keep a worker alive that has nothing else left to do.
    this.channel?.unref();
  }

  onStart(): void {}

  onEnd(span: EndedSpan): void {
    if ((span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
    guard('forwarding a worker thread span', () => this.channel?.postMessage(spanToWire(span)));
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    this.channel?.close();
    this.channel = undefined;
    return Promise.resolve();
  }
}

/** In a worker thread whose main thread accepts spans: the forwarder to start the SDK with. */
export function workerSpanForwarder(): WorkerSpanForwarder | undefined {
  if (isMainThread || getEnvironmentData(ANNOUNCEMENT) !== CHANNEL) return undefined;
  return new WorkerSpanForwarder();
}
