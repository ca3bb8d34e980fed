// Splits each run a `PROFILE_DIR=<dir> pnpm bench:instructions <broker>` pass kept into V8's
// optimising compiler, its garbage collector and the rest (the program: the client, the SDK,
// the instrumentation), per message, and prints what each variant adds over SDK only in each
// part. Windows of a few thousand messages hold a handful of late TurboFan compiles and at most
// one or two major collections, and which variant gets them is close to chance (performance.md,
// "Noise"): the "rest" column is what the instrumentations' own work costs, the total what a
// window happened to hold.
//   node src/instructions/split.cjs <PROFILE_DIR>/<broker> <COUNT>
// Needs callgrind_annotate (valgrind). Functions are told apart by their C++ names; JIT code and
// builtins count as the program.
const { execFileSync } = require('node:child_process');
const { readdirSync } = require('node:fs');
const { join } = require('node:path');

const COMPILER =
  /compiler::|turboshaft|Turboshaft|maglev|Maglev|OptimizedCompilationJob|RegisterAllocat|InstructionSelector|GraphReducer|JSInliner|LiveRange|Typer::|LoadElimination|Scheduler::/;
const COLLECTOR =
  /Heap::|Marking|MarkCompact|Scaveng|Sweep|Evacuat|IteratePointers|GlobalHandles|MemoryAllocator|heap::base|RememberedSet|SlotSet|ConcurrentMarking|PagedSpace|NewSpace|MinorMC|SizeFromMap|MarkingBarrier|cppgc::/;

function split(file) {
  const text = execFileSync('callgrind_annotate', ['--inclusive=no', '--threshold=100', file], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const parts = { total: 0, compiler: 0, collector: 0 };
  for (const line of text.split('\n')) {
    const match = /^\s*([\d,]+) \([^)]*\)\s+(.*)$/.exec(line);
    if (!match || match[2].includes('PROGRAM TOTALS')) continue;
    const count = Number(match[1].replaceAll(',', ''));
    parts.total += count;
    if (COMPILER.test(match[2])) parts.compiler += count;
    else if (COLLECTOR.test(match[2])) parts.collector += count;
  }
  return { ...parts, rest: parts.total - parts.compiler - parts.collector };
}

const [dir, countArg] = process.argv.slice(2);
if (!dir || !countArg) throw new Error('usage: split.cjs <PROFILE_DIR>/<broker> <COUNT>');
const count = Number(countArg);
const runs = new Map();
for (const name of readdirSync(dir).sort()) {
  const variant = /^callgrind\.(.+)\.out$/.exec(name)?.[1];
  if (!variant) continue;
  try {
    runs.set(variant, split(join(dir, name)));
  } catch {
    console.error(`${name}: not a finished callgrind output, left out`);
  }
}
const sdk = [...runs].filter(([name]) => name.startsWith('SDK_only')).map(([, parts]) => parts);
const k = (n) => `${(n / count / 1000).toFixed(1)} k`;
const mean = (key) => sdk.reduce((sum, parts) => sum + parts[key], 0) / Math.max(1, sdk.length);
console.log('| run | total | compiler | collector | rest | rest added over SDK only |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const [name, parts] of runs) {
  const added = name.startsWith('SDK_only') ? '' : k(parts.rest - mean('rest'));
  console.log(
    `| ${name} | ${k(parts.total)} | ${k(parts.compiler)} | ${k(parts.collector)} | ${k(parts.rest)} | ${added} |`,
  );
}
