import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The directory of the lowest supported version of a library, installed by the workspace
 * package `versions/<folder>-lowest` (the library's name unless that has a scope), and its
 * version: fixtures load it by path.
 */
export function lowestInstalled(
  library: string,
  folder: string = library,
): { dir: string; version: string } {
  const versions = join(__dirname, '..', 'versions', `${folder}-lowest`);
  const dir = dirname(require.resolve(`${library}/package.json`, { paths: [versions] }));
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    version: string;
  };
  return { dir, version };
}
