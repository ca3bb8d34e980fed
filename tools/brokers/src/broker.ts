import type { BrokerEndpoints } from './endpoints.js';
import type { Probe } from './probes.js';

export type BrokerName = 'kafka' | 'rabbitmq' | 'sqs' | 'kinesis';

export interface StartOptions {
  /**
   * Keep what the broker stored before it was stopped (Kafka's log), as a restart would; by
   * default a native start is a fresh broker. In-memory brokers keep nothing either way.
   */
  keepData?: boolean;
}

/** How a broker is run on a machine without Docker. */
export interface NativeBroker {
  name: BrokerName;
  /** What runs, with its pinned version: the same software docker-compose runs. */
  software: string;
  /** Proves the broker accepts work. */
  probe: Probe;
  /** Where it listens, so a port held by something else is never started over. */
  address(endpoints: BrokerEndpoints): { host: string; port: number };
  /**
   * Starts the broker and returns once the process is launched; readiness is awaited with the
   * probe. `fetched` says whether this start downloaded anything (a cold start).
   */
  start(endpoints: BrokerEndpoints, options?: StartOptions): Promise<{ fetched: boolean }>;
  /** Stops the broker if, and only if, this runner started it. Resolves true when it did. */
  stop(): Promise<boolean>;
  /** Whether this runner started the broker that is running now. */
  startedHere(): boolean;
}
