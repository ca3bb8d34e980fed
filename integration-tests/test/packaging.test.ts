import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { satisfiesRange } from '@msgtrace/core';
import { dependencyClosure } from '../src/dependency-closure';
import { LIBRARY_PACKAGES, PUBLISHED_PACKAGES } from '../src/packages';

type Conditions = Record<string, { types: string; default: string }>;

/** Export names as Node itself sees them, outside Jest's module registry. */
function exportNames(name: string, loader: 'require' | 'import'): string[] {
  const script =
    loader === 'require'
      ? `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(name)})).sort()))`
      : `import(${JSON.stringify(name)}).then((m) => console.log(JSON.stringify(Object.keys(m).filter((k) => k !== 'default').sort())))`;
  const out = execFileSync(process.execPath, ['-e', script], { cwd: __dirname, encoding: 'utf8' });
  return JSON.parse(out) as string[];
}

describe.each(PUBLISHED_PACKAGES)('%s is publishable as dual CommonJS / ESM', (name) => {
  const manifestPath = require.resolve(`${name}/package.json`);
  const root = dirname(manifestPath);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    exports: Record<string, Conditions | string>;
    files: string[];
  };

  it('gives each condition its own entry and declarations, all present after the build', () => {
    const main = manifest.exports['.'] as Conditions;
    expect(Object.keys(main)).toEqual(['import', 'require']);
    for (const condition of Object.values(main)) {
      expect(existsSync(join(root, condition.types))).toBe(true);
      expect(existsSync(join(root, condition.default))).toBe(true);
    }
    expect(main.import?.default).toMatch(/^\.\/dist\/esm\//);
    expect(main.require?.default).toMatch(/^\.\/dist\/cjs\//);
    expect(manifest.files).toContain('dist');
  });

  it('marks each build with its module type so Node loads it as intended', () => {
    const type = (dir: string) =>
      (
        JSON.parse(readFileSync(join(root, 'dist', dir, 'package.json'), 'utf8')) as {
          type: string;
        }
      ).type;
    expect(type('cjs')).toBe('commonjs');
    expect(type('esm')).toBe('module');
  });

  it('exports the same names to require and to import', () => {
    const required = exportNames(name, 'require');
    expect(required.length).toBeGreaterThan(0);
    expect(exportNames(name, 'import')).toEqual(required);
  });
});

describe('an app using one instrumentation class with its own SDK', () => {
  const SDK = '@opentelemetry/sdk-node';

  it.each([...LIBRARY_PACKAGES])(
    'installs no SDK with %s (the bootstrap is an optional peer)',
    (name) => {
      const closure = dependencyClosure(name, __dirname);
      expect(closure.has(name)).toBe(true);
      expect(closure.has('@opentelemetry/api')).toBe(true);
      expect(
        [...closure].filter((dep) => dep === SDK || dep === '@msgtrace/sdk-bootstrap'),
      ).toEqual([]);
    },
  );

  it.each(['@msgtrace/sdk-bootstrap', '@msgtrace/auto'])(
    'while %s, which starts one, brings the SDK',
    (name) => {
      expect(dependencyClosure(name, __dirname).has(SDK)).toBe(true);
    },
  );
});

describe('peer ranges admit both OpenTelemetry JS lines the suite runs', () => {
  const manifest = (path: string) =>
    JSON.parse(readFileSync(path, 'utf8')) as {
      dependencies: Record<string, string>;
      peerDependencies: Record<string, string>;
    };
  const line = (n: 2 | 3) =>
    manifest(join(__dirname, '..', 'versions', `otel-${n}`, 'package.json')).dependencies;
  // `^1.9.0` as semver reads it: 1.x from 1.9.0 on.
  const caretAdmits = (range: string, version: string) => {
    const [major, minor] = version.split('.').map(Number);
    return range === '^1.9.0' && major === 1 && (minor ?? 0) >= 9;
  };

  it.each([...LIBRARY_PACKAGES])(
    '%s: @opentelemetry/api and @opentelemetry/instrumentation of 2.x and 3.x',
    (name) => {
      const peers = manifest(require.resolve(`${name}/package.json`)).peerDependencies;
      for (const n of [2, 3] as const) {
        const versions = line(n);
        expect(
          caretAdmits(peers['@opentelemetry/api'] ?? '', versions['@opentelemetry/api'] ?? ''),
        ).toBe(true);
        expect(
          satisfiesRange(
            versions['@opentelemetry/instrumentation'] ?? '',
            peers['@opentelemetry/instrumentation'] ?? '',
          ),
        ).toBe(true);
      }
    },
  );
});
