export { hasGlobalTracerProvider } from './existing-provider.js';
export { type ExitHooksOptions, type ExitTarget, installExitHooks } from './exit-hooks.js';
export { registerOnce } from './register.js';
export { installedApiVersion, SDK_NODE_PACKAGE, type SdkLine, sdkLineFor } from './sdk-line.js';
export {
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  enabledVariable,
  instrumentationEnabled,
  type SdkSettings,
  sdkSettingsFromEnv,
} from './settings.js';
export { type EndedSpan, spanFromWire, spanToWire, type WireSpan } from './span-wire.js';
export {
  type SdkBootstrapOptions,
  type SdkBootstrapOutcome,
  type SdkNodeModule,
  startSdkOnce,
} from './start-sdk.js';
export { acceptWorkerSpans, WorkerSpanForwarder, workerSpanForwarder } from './worker-spans.js';
