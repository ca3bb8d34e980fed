import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { AmqplibInstrumentation, SUPPORTED_VERSIONS } from '../src/instrumentation';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../src/version';

describe('package identity', () => {
  it('reports the name and version package.json publishes', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
    expect([PACKAGE_NAME, PACKAGE_VERSION]).toEqual([manifest.name, manifest.version]);
  });

  it('supports the amqplib 0.10 to 2.x lines, and starts enabled unless told otherwise', () => {
    expect(SUPPORTED_VERSIONS).toEqual(['>=0.10.0 <3']);
    const off = new AmqplibInstrumentation({ enabled: false });
    expect(off.isEnabled()).toBe(false);
    off.enable();
    expect(off.isEnabled()).toBe(true);
    off.disable();
    expect(off.isEnabled()).toBe(false);
    expect(off.instrumentationName).toBe(PACKAGE_NAME);
  });
});
