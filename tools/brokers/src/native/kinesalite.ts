import type { NativeBroker } from '../broker.js';
import { hostPort } from '../endpoints.js';
import { probeKinesis } from '../probes.js';
import { runningPid, startDetached, stopProcess } from '../processes.js';

const proc = { name: 'kinesalite', marker: 'kinesalite' };

/** kinesalite from npm, in memory, with stream state changes made instant for tests. */
export const kinesalite: NativeBroker = {
  name: 'kinesis',
  software: `kinesalite ${require('kinesalite/package.json').version}`,
  address: (endpoints) => hostPort(endpoints.kinesisEndpoint),
  probe: probeKinesis,
  async start({ kinesisEndpoint }) {
    const { port } = hostPort(kinesisEndpoint);
    const cli = require.resolve('kinesalite/cli.js');
    startDetached(proc, process.execPath, [
      cli,
      '--port',
      String(port),
      '--createStreamMs',
      '0',
      '--deleteStreamMs',
      '0',
      '--updateStreamMs',
      '0',
      '--shardLimit',
      '1000',
    ]);
    return { fetched: false };
  },
  stop: () => stopProcess(proc, 5_000),
  startedHere: () => runningPid(proc) !== undefined,
};
