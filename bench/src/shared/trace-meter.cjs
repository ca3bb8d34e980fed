// A stand-in for the callgrind meter (BENCH_METER) in native runs: marks the measured window in
// the process's stdout, where V8's --trace-opt and --trace-deopt lines also go, so that what V8
// compiled inside the window can be counted (instructions/window-compiles.ts).
module.exports = {
  start: () => process.stdout.write('@@WINDOW START\n'),
  stop: () => process.stdout.write('@@WINDOW STOP\n'),
};
