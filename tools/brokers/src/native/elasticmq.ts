import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NativeBroker } from '../broker.js';
import { hostPort } from '../endpoints.js';
import { resolveClasspath } from '../maven.js';
import { assetsDir } from '../paths.js';
import { probeSqs } from '../probes.js';
import { runningPid, startDetached, stopProcess } from '../processes.js';
import { renderConfig } from '../template.js';

const proc = { name: 'elasticmq', marker: 'org.elasticmq.server.Main' };

function elasticMqVersion(): string {
  const pom = readFileSync(join(assetsDir, 'elasticmq.pom.xml'), 'utf8');
  return /<elasticmq\.version>([^<]+)</.exec(pom)?.[1] ?? 'unknown';
}

/** ElasticMQ (an SQS-compatible server) from Maven Central on the local JDK, in memory. */
export const elasticmq: NativeBroker = {
  name: 'sqs',
  software: `ElasticMQ ${elasticMqVersion()}`,
  address: (endpoints) => hostPort(endpoints.sqsEndpoint),
  probe: probeSqs,
  async start({ sqsEndpoint }) {
    const { host, port } = hostPort(sqsEndpoint);
    const { classpath, fetched } = await resolveClasspath('elasticmq');
    const config = renderConfig('elasticmq.conf', ['elasticmq', 'elasticmq.conf'], {
      HOST: host,
      PORT: port,
    });
    startDetached(proc, 'java', [
      '-Xms64m',
      '-Xmx384m',
      '-XX:-UsePerfData',
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      `-Dconfig.file=${config}`,
      '-cp',
      classpath,
      'org.elasticmq.server.Main',
    ]);
    return { fetched };
  },
  stop: () => stopProcess(proc, 15_000),
  startedHere: () => runningPid(proc) !== undefined,
};
