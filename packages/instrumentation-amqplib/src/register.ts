/**
 * `node --require @msgtrace/instrumentation-amqplib/register app.js` (or `--import` for ES
 * modules): enables the amqplib instrumentation with options from the environment (see the
 * README). Loading it twice, or alongside `@msgtrace/auto`, instruments amqplib once.
 */
import { guard, messagingConfigFromEnv } from '@msgtrace/core';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { AmqplibInstrumentation } from './instrumentation.js';

const REGISTERED = Symbol.for('msgtrace.instrumentation-amqplib.registered');
const holder = globalThis as { [REGISTERED]?: AmqplibInstrumentation };

if (!holder[REGISTERED] && process.env.MSGTRACE_AMQPLIB_ENABLED !== 'false') {
  guard('amqplib register', () => {
    const instrumentation = new AmqplibInstrumentation(messagingConfigFromEnv());
    registerInstrumentations({ instrumentations: [instrumentation] });
    holder[REGISTERED] = instrumentation;
  });
}
