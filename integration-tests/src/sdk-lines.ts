import { fixture } from './auto';

/** The OpenTelemetry JS lines an app may run msgtrace with (`versions/otel-<line>/`). */
export type OtelLine = '2' | '3';

/** Whether this Node meets what the 3.x packages declare (`engines.node` ≥ 22.15). */
export function nodeRunsLine3(version: string = process.versions.node): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 15);
}

/**
 * The lines an app can install on this Node: 2.x everywhere, 3.x where its packages' declared
 * Node floor is met (CI runs this suite on Node 20 and 24, so each line runs on a Node it declares).
 */
export const installableLines = (): OtelLine[] => (nodeRunsLine3() ? ['2', '3'] : ['2']);

/** Makes the process load one `@opentelemetry/api`, the line's, as a real install does. */
export const ONE_API = fixture('sdk-lines/fixtures/one-api.cjs');
/** Starts the app's own NodeSDK of the line, with msgtrace's amqplib instrumentation. */
export const APP_SDK = fixture('sdk-lines/fixtures/app-sdk.cjs');
