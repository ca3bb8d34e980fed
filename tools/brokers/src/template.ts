import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assetsDir, stateFile } from './paths.js';

/**
 * Writes a committed config template (`maven/<name>`) into the state directory with its `@KEY@`
 * placeholders filled in, and returns the written file's path.
 */
export function renderConfig(
  template: string,
  target: string[],
  values: Record<string, string | number>,
): string {
  let text = readFileSync(join(assetsDir, template), 'utf8');
  for (const [key, value] of Object.entries(values))
    text = text.replaceAll(`@${key}@`, String(value));
  const unfilled = /@[A-Z_]+@/.exec(text);
  if (unfilled) throw new Error(`${template}: no value for ${unfilled[0]}`);
  const file = stateFile(...target);
  writeFileSync(file, text);
  return file;
}
