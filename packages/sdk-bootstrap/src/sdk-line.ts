import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The OpenTelemetry JS SDK lines the bootstrap ships and can start. */
export type SdkLine = '2.x' | '3.x';

/** The package each line is installed as (the 3.x one under an npm alias). */
export const SDK_NODE_PACKAGE: Record<SdkLine, string> = {
  '2.x': '@opentelemetry/sdk-node',
  '3.x': 'opentelemetry-sdk-node-3',
};

/** What the 3.x packages declare: `engines.node` and their `@opentelemetry/api` peer range. */
const LINE_3_NODE = [22, 15] as const;
const LINE_3_API_MINOR = 10;

function majorMinor(version: string): [number, number] {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return [major, minor];
}

/**
 * The line to start: 3.x when the runtime meets what 3.x declares — Node ≥ 22.15 and the app's
 * `@opentelemetry/api` at 1.10 (the 3.x SDK reads API 1.10 exports as it loads, and the two lines'
 * API ranges do not overlap, so the app's one copy of the API decides) — and 2.x otherwise.
 */
export function sdkLineFor(nodeVersion: string, apiVersion: string | undefined): SdkLine {
  const [nodeMajor, nodeMinor] = majorMinor(nodeVersion);
  const [minNodeMajor, minNodeMinor] = LINE_3_NODE;
  const nodeAllows =
    nodeMajor > minNodeMajor || (nodeMajor === minNodeMajor && nodeMinor >= minNodeMinor);
  if (!nodeAllows || apiVersion === undefined) return '2.x';
  const [apiMajor, apiMinor] = majorMinor(apiVersion);
  return apiMajor === 1 && apiMinor === LINE_3_API_MINOR ? '3.x' : '2.x';
}

/**
 * The version of the `@opentelemetry/api` this process loads from here (the app's, since every
 * msgtrace package takes it as a peer). Its package.json is not exported, so it is found by
 * walking up from the entry file.
 */
export function installedApiVersion(resolve?: (request: string) => string): string | undefined {
  try {
    const entry = (resolve ?? require.resolve)('@opentelemetry/api');
    for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
      try {
        const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
          name?: string;
          version?: string;
        };
        if (manifest.name === '@opentelemetry/api') return manifest.version;
      } catch {
        // No package.json at this level (or one that is not JSON): keep walking up.
      }
    }
  } catch {
    // Not resolvable from here: the bootstrap falls back to the line that asks least.
  }
  return undefined;
}
