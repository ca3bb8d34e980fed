import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { installedApiVersion, SDK_NODE_PACKAGE, sdkLineFor } from '../src/sdk-line';

describe('sdkLineFor', () => {
  it('starts 3.x on Node 22.15 and later when the API is 1.10', () => {
    expect(sdkLineFor('22.15.0', '1.10.0')).toBe('3.x');
    expect(sdkLineFor('v24.22.3', '1.10.2')).toBe('3.x');
    expect(sdkLineFor('23.0.0', '1.10.0')).toBe('3.x');
  });

  it('starts 2.x on older Node, whatever the API', () => {
    expect(sdkLineFor('20.20.2', '1.10.0')).toBe('2.x');
    expect(sdkLineFor('22.14.9', '1.10.0')).toBe('2.x');
  });

  it('starts 2.x when the API is older than 3.x accepts, newer, or unknown', () => {
    expect(sdkLineFor('24.0.0', '1.9.1')).toBe('2.x');
    expect(sdkLineFor('24.0.0', '1.11.0')).toBe('2.x');
    expect(sdkLineFor('24.0.0', '2.0.0')).toBe('2.x');
    expect(sdkLineFor('24.0.0', undefined)).toBe('2.x');
  });

  it('loads each line from its own installed package', () => {
    // Neither exports its package.json: read the one above the entry file.
    const manifest = (line: '2.x' | '3.x') => {
      let dir = dirname(require.resolve(SDK_NODE_PACKAGE[line]));
      while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
      return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name: string;
        version: string;
      };
    };
    expect(manifest('2.x').name).toBe('@opentelemetry/sdk-node');
    expect(manifest('2.x').version).toMatch(/^0\.2\d\d\./);
    expect(manifest('3.x').name).toBe('@opentelemetry/sdk-node');
    expect(manifest('3.x').version).toMatch(/^0\.3\d\d\./);
  });
});

describe('installedApiVersion', () => {
  it('reads the version of the API this package resolves', () => {
    const own = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    expect(installedApiVersion()).toBe(own.devDependencies['@opentelemetry/api']);
  });

  it('walks up from the entry file past folders without the manifest', () => {
    const root = mkdtempSync(join(tmpdir(), 'msgtrace-api-'));
    try {
      mkdirSync(join(root, 'build', 'src'), { recursive: true });
      writeFileSync(join(root, 'build', 'package.json'), '{ not json');
      writeFileSync(
        join(root, 'package.json'),
        JSON.stringify({ name: '@opentelemetry/api', version: '1.10.0' }),
      );
      expect(installedApiVersion(() => join(root, 'build', 'src', 'index.js'))).toBe('1.10.0');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('is undefined when the API cannot be resolved or no manifest names it', () => {
    const missing = () => {
      throw Object.assign(new Error('missing'), { code: 'MODULE_NOT_FOUND' });
    };
    expect(installedApiVersion(missing)).toBeUndefined();
    expect(installedApiVersion(() => '/index.js')).toBeUndefined();
  });
});
