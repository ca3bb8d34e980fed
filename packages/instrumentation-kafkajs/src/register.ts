/**
 * `node --require @msgtrace/instrumentation-kafkajs/register app.js` (or `--import` for ES
 * modules): enables the kafkajs instrumentation with options from the environment (see the
 * README). Loading it twice, or alongside `@msgtrace/auto`, instruments kafkajs once.
 */
import { guard, messagingConfigFromEnv } from '@msgtrace/core';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { KafkaJsInstrumentation } from './instrumentation.js';

const REGISTERED = Symbol.for('msgtrace.instrumentation-kafkajs.registered');
const holder = globalThis as { [REGISTERED]?: KafkaJsInstrumentation };

if (!holder[REGISTERED] && process.env.MSGTRACE_KAFKAJS_ENABLED !== 'false') {
  guard('kafkajs register', () => {
    const instrumentation = new KafkaJsInstrumentation(messagingConfigFromEnv());
    registerInstrumentations({ instrumentations: [instrumentation] });
    holder[REGISTERED] = instrumentation;
  });
}
