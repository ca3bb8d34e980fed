import type { Instrumentation } from '@opentelemetry/instrumentation';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import type { MessagingInstrumentationConfig } from './config.js';
import { messagingConfigFromEnv } from './env-config.js';
import { guard } from './guard.js';

/**
 * What a package's `register` entry does: enable its instrumentation, configured from the
 * environment, once per process however many times (and through however many module systems)
 * the entry is loaded. `MSGTRACE_<NAME>_ENABLED=false` skips it.
 */
export function registerOnce(
  name: string,
  create: (config: MessagingInstrumentationConfig) => Instrumentation,
): void {
  const key = Symbol.for(`msgtrace.${name}.registered`);
  const holder = globalThis as Record<symbol, unknown>;
  if (holder[key]) return;
  if (process.env[`MSGTRACE_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_ENABLED`] === 'false')
    return;
  guard(`${name} register`, () => {
    const instrumentation = create(messagingConfigFromEnv());
    registerInstrumentations({ instrumentations: [instrumentation] });
    holder[key] = instrumentation;
  });
}
