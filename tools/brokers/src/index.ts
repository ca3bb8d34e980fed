export type { BrokerName, StartOptions } from './broker.js';
export {
  type BrokerEndpoints,
  brokerEndpoints,
  DEFAULT_ENDPOINTS,
  emulatorCredentials,
  hostPort,
} from './endpoints.js';
export { type Probe, ROUND_TRIPS } from './probes.js';
export {
  type BrokerReport,
  type BrokerStatus,
  down,
  type RunnerMode,
  runnerMode,
  status,
  type UpOptions,
  up,
} from './runner.js';
