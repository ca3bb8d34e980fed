import type { Context } from '@opentelemetry/api';
import type { KafkaTelemetry } from '../telemetry.js';

/**
 * What a client package hands the KafkaJS-API hooks: the telemetry to report to, whether its
 * instrumentation is enabled, and how its client differs.
 */
export interface KafkaHooks {
  telemetry: KafkaTelemetry;
  active: () => boolean;
  /**
   * For a client whose KafkaJS API calls a lower API of its own that msgtrace also instruments
   * (the Confluent client's `Producer.produce`, `KafkaConsumer.consume`): `enter` marks the
   * context the client's `send`, `sendBatch` and `run` run in, so that layer is not instrumented
   * a second time, and `leave` unmarks it for the application's handlers. `inside` tells a call
   * the client makes from within its own send (Confluent's `sendBatch` calls `send` per topic),
   * which is passed through: the outer call has its spans. Absent: contexts as they are.
   */
  layer?:
    | {
        enter(chosen: Context): Context;
        leave(active: Context): Context;
        inside(active: Context): boolean;
      }
    | undefined;
}
