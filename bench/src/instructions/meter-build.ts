import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

const SOURCE = join(__dirname, '..', '..', 'native', 'callgrind-meter.c');
const TARGET = join(__dirname, '..', '..', 'dist', 'callgrind-meter.node');

/**
 * Compiles the callgrind-meter addon (bench/native) once, against the Node-API headers of the
 * running Node and valgrind's callgrind.h, and returns its path. Needs gcc and valgrind's
 * development headers (Debian: valgrind).
 */
export function callgrindMeter(): string {
  if (existsSync(TARGET) && statSync(TARGET).mtimeMs >= statSync(SOURCE).mtimeMs) return TARGET;
  mkdirSync(dirname(TARGET), { recursive: true });
  const nodeHeaders = join(dirname(process.execPath), '..', 'include', 'node');
  execFileSync('gcc', [
    '-shared',
    '-fPIC',
    '-O2',
    '-DNODE_GYP_MODULE_NAME=callgrind_meter',
    `-I${nodeHeaders}`,
    '-o',
    TARGET,
    SOURCE,
  ]);
  return TARGET;
}
