// Messages run after the warm-up's full collections (settledHeap) and before the measured
// window. Those collections free the hidden classes of the warm-up's short-lived objects
// (nothing holds them while the workload is idle), and V8 throws away optimised code that
// depended on them ("weak objects" in --trace-deopt): without a second warm-up, the window
// counted the optimising compiler recompiling every hot function (RabbitMQ, msgtrace
// always_off: 47 functions compiled inside the window, 150 k of its 234 k added instructions per
// message). REWARM sets it (the instruction benchmark gives each broker its warm-up again);
// default 0, as the soak and CPU-time runs have no window to protect.
const rewarm = Number(process.env.REWARM ?? 0);

module.exports = { rewarm };
