export type { BrokerName } from './broker.js';
export {
  type BrokerEndpoints,
  brokerEndpoints,
  DEFAULT_ENDPOINTS,
  EMULATOR_CREDENTIALS,
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
  up,
} from './runner.js';
