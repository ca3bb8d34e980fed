import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as JestGlobals from '@jest/globals';

/** What every instrumentation class answers, as far as its package's identity goes. */
export interface InstrumentationLike {
  readonly instrumentationName: string;
  isEnabled(): boolean;
  enable(): void;
  disable(): void;
}

/** One instrumentation package, as its own test sees it. */
export interface InstrumentationPackage {
  /** The package's folder, where its package.json is. */
  dir: string;
  /** The package's `PACKAGE_NAME` and `PACKAGE_VERSION` constants. */
  name: string;
  version: string;
  /** The package's `SUPPORTED_VERSIONS`, and what they must be. */
  supportedVersions: readonly string[];
  expectedVersions: readonly string[];
  /** The library lines those versions stand for, for the test's name ("the kafkajs 2.x line"). */
  lines: string;
  /** A new instrumentation of the package with the given config. */
  create(config: { enabled: boolean }): InstrumentationLike;
}

/**
 * The tests every instrumentation package gets, inside the caller's `describe`: the name and
 * version it reports are the ones it publishes, it supports what it says, and `enabled: false`
 * starts it off until `enable()`.
 */
export function itHasAPackageIdentity(pkg: InstrumentationPackage): void {
  // Required here, not imported at the top: the demo and the fixtures load this package outside
  // Jest, where loading @jest/globals throws.
  const { expect, it } = require('@jest/globals') as typeof JestGlobals;
  it('reports the name and version package.json publishes', () => {
    const manifest = JSON.parse(readFileSync(join(pkg.dir, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
    };
    expect([pkg.name, pkg.version]).toEqual([manifest.name, manifest.version]);
  });

  it(`supports ${pkg.lines}, and starts enabled unless told otherwise`, () => {
    expect(pkg.supportedVersions).toEqual(pkg.expectedVersions);
    const off = pkg.create({ enabled: false });
    expect(off.isEnabled()).toBe(false);
    off.enable();
    expect(off.isEnabled()).toBe(true);
    off.disable();
    expect(off.isEnabled()).toBe(false);
    expect(off.instrumentationName).toBe(pkg.name);
  });
}
