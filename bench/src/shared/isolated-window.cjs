// The measured window of a harness that drives an instrumentation in isolation, one message per
// call of `one(i)`: a warm-up, two full collections, the warm-up again (as the workloads'
// second warm-up, shared/rewarm.cjs), then `count` messages between the meter's marks.
// The loop yields to the event loop every 64 messages, as a consumer does between fetches: the
// batch span processor exports from a promise chain, and run synchronously it exported its first
// batch only and sampled runs kept every later span until its queue was full.
const { meter } = require('./meter.cjs');

const turn = () => new Promise(setImmediate);

async function run(n, one) {
  for (let i = 0; i < n; i++) {
    one(i);
    if (i % 64 === 63) await turn();
  }
  await turn();
}

async function isolatedWindow(warmup, count, one) {
  await run(warmup, one);
  global.gc?.();
  global.gc?.();
  await run(warmup, one);
  meter.start();
  await run(count, one);
  meter.stop();
}

module.exports = { isolatedWindow };
