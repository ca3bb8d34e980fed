import {
  guard,
  type MessagingInstrumentationConfig,
  messagingConfigFromEnv,
  processWide,
} from '@msgtrace/core';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { instrumentationEnabled } from './settings.js';
import { startSdkOnce } from './start-sdk.js';

/**
 * What a package's `register` entry does: start the OpenTelemetry SDK from the `OTEL_*` variables
 * (unless one is registered already), then enable its instrumentation, configured from the
 * environment, once per process however many times (and through however many module systems)
 * the entry is loaded. Returns the process's instance, if one is registered. `MSGTRACE_<NAME>_ENABLED` and `OTEL_NODE_ENABLED_INSTRUMENTATIONS` /
 * `OTEL_NODE_DISABLED_INSTRUMENTATIONS` switch it on or off.
 */
export function registerOnce(
  name: string,
  create: (config: MessagingInstrumentationConfig) => Instrumentation,
): Instrumentation | undefined {
  // The SDK first: registerInstrumentations hands each instrumentation the global providers.
  startSdkOnce();
  const registered = processWide<{ instrumentation?: Instrumentation }>(
    `msgtrace.${name}.registered`,
    () => ({}),
  );
  if (registered.instrumentation || !instrumentationEnabled(name))
    return registered.instrumentation;
  guard(`${name} register`, () => {
    const instrumentation = create(messagingConfigFromEnv());
    registerInstrumentations({ instrumentations: [instrumentation] });
    registered.instrumentation = instrumentation;
  });
  return registered.instrumentation;
}
