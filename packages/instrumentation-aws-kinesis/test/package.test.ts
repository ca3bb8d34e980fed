import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { AwsKinesisInstrumentation, SUPPORTED_VERSIONS } from '../src/instrumentation';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../src/version';

describe('package identity', () => {
  it('reports the name and version package.json publishes', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
    expect([PACKAGE_NAME, PACKAGE_VERSION]).toEqual([manifest.name, manifest.version]);
  });

  it('supports the v3 SDK line, and starts enabled unless told otherwise', () => {
    expect(SUPPORTED_VERSIONS).toEqual(['>=3.363.0 <4']);
    const off = new AwsKinesisInstrumentation({ enabled: false });
    expect(off.isEnabled()).toBe(false);
    off.enable();
    expect(off.isEnabled()).toBe(true);
    off.disable();
    expect(off.isEnabled()).toBe(false);
    expect(off.instrumentationName).toBe(PACKAGE_NAME);
  });
});
