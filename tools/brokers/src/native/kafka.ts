import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { NativeBroker } from '../broker.js';
import { hostPort } from '../endpoints.js';
import { resolveClasspath } from '../maven.js';
import { assetsDir, stateDir } from '../paths.js';
import { probeKafka } from '../probes.js';
import { runCommand, runningPid, startDetached, stopProcess } from '../processes.js';
import { renderConfig } from '../template.js';

const proc = { name: 'kafka', marker: 'kafka.Kafka' };

/** Fixed so a restarted broker, its data and docker-compose's agree on the cluster. */
export const KAFKA_CLUSTER_ID = 'bXNndHJhY2UtY2x1c3Rlcg';

// Serial GC and C1 only: a test broker wants a quick start and a small footprint, not peak speed.
const JVM_OPTS = [
  '-Xms128m',
  '-Xmx512m',
  '-XX:+UseSerialGC',
  '-XX:TieredStopAtLevel=1',
  '-XX:-UsePerfData',
];

function kafkaVersion(): string {
  const pom = readFileSync(join(assetsDir, 'kafka.pom.xml'), 'utf8');
  return /<kafka\.version>([^<]+)</.exec(pom)?.[1] ?? 'unknown';
}

/** Apache Kafka (KRaft, one combined broker + controller) from Maven Central on the local JDK. */
export const kafka: NativeBroker = {
  name: 'kafka',
  software: `Apache Kafka ${kafkaVersion()} (KRaft)`,
  address: (endpoints) => hostPort(endpoints.kafkaBrokers[0] ?? '127.0.0.1:9092'),
  probe: probeKafka,
  async start({ kafkaBrokers }, options) {
    const { host, port } = hostPort(kafkaBrokers[0] ?? '127.0.0.1:9092');
    const { classpath, fetched } = await resolveClasspath('kafka');
    const dataDir = join(stateDir, 'kafka', 'data');
    // Every native start is a fresh cluster unless it restarts one: tests make their own
    // topics, and a clean log directory keeps start-up fast however many runs came before.
    if (!options?.keepData) rmSync(dataDir, { recursive: true, force: true });
    const config = renderConfig('kafka.server.properties', ['kafka', 'server.properties'], {
      HOST: host,
      PORT: port,
      CONTROLLER_PORT: port + 1,
      DATA_DIR: dataDir,
    });
    const log4j = join(assetsDir, 'kafka.log4j.properties');
    const common = [...JVM_OPTS, `-Dlog4j.configuration=file:${log4j}`, '-cp', classpath];

    const format = await runCommand('java', [
      ...common,
      'kafka.tools.StorageTool',
      'format',
      '-t',
      KAFKA_CLUSTER_ID,
      '-c',
      config,
      '--ignore-formatted',
    ]);
    if (format.status !== 0) {
      throw new Error(`kafka storage format failed:\n${format.stdout}\n${format.stderr}`);
    }
    startDetached(proc, 'java', [...common, 'kafka.Kafka', config]);
    return { fetched };
  },
  stop: () => stopProcess(proc, 30_000),
  startedHere: () => runningPid(proc) !== undefined,
};
