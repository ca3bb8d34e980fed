// Each task makes SPANS_PER_TASK small spans of its own.
const { trace } = require('@opentelemetry/api');

const tracer = trace.getTracer('bench-worker');
const spans = Number(process.env.SPANS_PER_TASK ?? 3);
module.exports = ({ i }) => {
  for (let n = 0; n < spans; n += 1) {
    tracer.startSpan('step', { attributes: { 'task.index': i, step: n } }).end();
  }
  return i;
};
