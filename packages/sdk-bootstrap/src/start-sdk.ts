import { guard, linksSamplerFromEnv, processWide, type Sampler } from '@msgtrace/core';
import { diag, metrics, trace } from '@opentelemetry/api';
import type { NodeSDK } from '@opentelemetry/sdk-node';
import { hasGlobalTracerProvider } from './existing-provider.js';
import { type ExitTarget, installExitHooks } from './exit-hooks.js';
import { installedApiVersion, SDK_NODE_PACKAGE, type SdkLine, sdkLineFor } from './sdk-line.js';
import { sdkSettingsFromEnv } from './settings.js';
import { acceptWorkerSpans, workerSpanForwarder } from './worker-spans.js';

/** What the first bootstrap in this process did; later calls return the same. */
export type SdkBootstrapOutcome =
  /** An OpenTelemetry Node SDK from `OTEL_*` variables is registered and flushes on exit. */
  | 'started'
  /** A TracerProvider was already registered (the app's SDK, a vendor's, a test's): it wins. */
  | 'existing-provider'
  /** `OTEL_SDK_DISABLED=true`. */
  | 'disabled'
  /** `MSGTRACE_START_SDK=false`. */
  | 'not-requested'
  /** Starting failed (a bad variable, a missing package); the app runs on without an SDK. */
  | 'failed';

/** Seams for tests; applications call `startSdkOnce()` with nothing. */
export interface SdkBootstrapOptions {
  env?: NodeJS.ProcessEnv;
  target?: ExitTarget;
  /** The SDK line to start; by default the one `sdkLineFor` picks for this Node and API. */
  line?: SdkLine;
  /** Loads `@opentelemetry/sdk-node` of the line. */
  load?: (line: SdkLine) => SdkNodeModule;
}

/** The part of NodeSDK's configuration the bootstrap sets. */
interface SdkConfiguration {
  /** Only in worker threads: the forwarder to the main thread. */
  spanProcessors?: object[];
  /** The link-aware sampler `OTEL_TRACES_SAMPLER` named (the SDK knows only its own names). */
  sampler?: Sampler;
}

type SdkConstructor = new (configuration?: SdkConfiguration) => Pick<NodeSDK, 'start' | 'shutdown'>;

/** What the bootstrap uses of `@opentelemetry/sdk-node`, the same in both lines. */
export interface SdkNodeModule {
  NodeSDK: SdkConstructor;
}

/** What every copy of this package in the process shares: one start, one warning on stderr. */
interface BootstrapState {
  outcome?: SdkBootstrapOutcome;
  warned: boolean;
}

const bootstrapState = () =>
  processWide<BootstrapState>('msgtrace.sdk-bootstrap.state', () => ({ warned: false }));

/** One line on stderr per process: a silent `diag` would hide why no trace arrives. */
function warnOnce(message: string): void {
  diag.warn(message);
  const state = bootstrapState();
  if (state.warned) return;
  state.warned = true;
  process.emitWarning(message, { code: 'MSGTRACE_SDK' });
}

// The register path runs the CommonJS build (the `.mjs` entries load it too), where `require` is
// defined; sdk-node is required only here so that programmatic users never load it.
function loadSdkNode(line: SdkLine): SdkNodeModule {
  if (typeof require !== 'function') {
    throw new Error('the SDK bootstrap runs from the CommonJS build (use the register entries)');
  }
  return require(SDK_NODE_PACKAGE[line]) as SdkNodeModule;
}

interface Flushable {
  forceFlush?: () => Promise<void>;
  getDelegate?: () => Flushable;
}

async function flushGlobals(): Promise<void> {
  const tracer = trace.getTracerProvider() as Flushable;
  const delegate = tracer.getDelegate?.() ?? tracer;
  const meter = metrics.getMeterProvider() as Flushable;
  await Promise.all([delegate.forceFlush?.(), meter.forceFlush?.()]);
}

function start(options: SdkBootstrapOptions): SdkBootstrapOutcome {
  const settings = sdkSettingsFromEnv(options.env);
  if (settings.sdkDisabled) return 'disabled';
  if (!settings.startSdk) return 'not-requested';
  if (hasGlobalTracerProvider()) {
    // The app's own SDK exports for its workers too, when its processors can be reached.
    if (settings.forwardWorkerSpans) guard('accepting worker thread spans', acceptWorkerSpans);
    return 'existing-provider';
  }
  try {
    const line = options.line ?? sdkLineFor(process.versions.node, installedApiVersion());
    const { NodeSDK: Sdk } = (options.load ?? loadSdkNode)(line);
    // A worker thread whose main thread exports for it only forwards (see worker-spans.ts); the
    // configuration is otherwise the environment's, as in the main thread, except that our
    // OTEL_TRACES_SAMPLER names, unknown to the SDK, become an explicit sampler.
    const forwarder = workerSpanForwarder();
    const sampler = linksSamplerFromEnv(options.env);
    const configuration: SdkConfiguration = {};
    if (forwarder) configuration.spanProcessors = [forwarder];
    if (sampler) configuration.sampler = sampler;
    const sdk = new Sdk(forwarder || sampler ? configuration : undefined);
    sdk.start();
    diag.info(`msgtrace: started the OpenTelemetry ${line} SDK`);
    if (!forwarder && settings.forwardWorkerSpans) acceptWorkerSpans();
    installExitHooks({
      shutdown: () => sdk.shutdown(),
      flush: flushGlobals,
      timeoutMs: settings.shutdownTimeoutMs,
      onTimeout: (what) =>
        warnOnce(`msgtrace: telemetry ${what} took over ${settings.shutdownTimeoutMs} ms; gave up`),
      ...(options.target ? { target: options.target } : {}),
    });
    return 'started';
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    warnOnce(`msgtrace: the OpenTelemetry SDK did not start (${reason}); running without it`);
    return 'failed';
  }
}

/**
 * Starts an OpenTelemetry Node SDK configured from the standard `OTEL_*` variables, unless one is
 * already registered, at most once per process (however many register entries load, through
 * however many copies of this package). The 3.x SDK where the runtime allows it, else 2.x (see
 * `sdkLineFor`). Never throws.
 */
export function startSdkOnce(options: SdkBootstrapOptions = {}): SdkBootstrapOutcome {
  const state = bootstrapState();
  state.outcome ??= start(options);
  return state.outcome;
}
