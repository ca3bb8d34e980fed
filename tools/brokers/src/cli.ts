import type { BrokerName } from './broker.js';
import { down, status, up } from './runner.js';

// The AWS SDK's Node 22 notice says nothing about the brokers; keep the CLI's output readable.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `usage: pnpm brokers <up|down|status> [kafka|rabbitmq|sqs|kinesis…] [--keep-data]

  up      make sure Kafka, RabbitMQ, ElasticMQ (SQS) and kinesalite (Kinesis) accept work,
          starting whatever is missing (Docker when an engine answers, native otherwise);
          given names, only those (natively); --keep-data restarts Kafka on its old log
  down    stop exactly what 'up' started (given names, only those)
  status  show which brokers accept work and who started them

environment: MSGTRACE_BROKERS=auto|docker|native|external, MSGTRACE_KAFKA_BROKERS,
MSGTRACE_AMQP_URL, MSGTRACE_SQS_ENDPOINT, MSGTRACE_KINESIS_ENDPOINT, MSGTRACE_AWS_REGION,
MSGTRACE_BROKERS_DIR (state: pid files, logs, data). A RabbitMQ URL on another port than 5672
gets a node of the runner's own beside the machine's.`;

const NAMES: readonly BrokerName[] = ['kafka', 'rabbitmq', 'sqs', 'kinesis'];

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

async function main(command: string | undefined, args: string[]): Promise<number> {
  const named = args.filter((a) => !a.startsWith('--'));
  const unknown = named.filter((n) => !NAMES.includes(n as BrokerName));
  if (unknown.length > 0) {
    console.error(`unknown broker ${unknown.join(', ')}\n${USAGE}`);
    return 2;
  }
  const only = named.length > 0 ? (named as BrokerName[]) : undefined;
  switch (command) {
    case 'up': {
      const keepData = args.includes('--keep-data');
      for (const r of await up(undefined, undefined, { ...(only ? { only } : {}), keepData })) {
        const cold = r.fetched ? ' (cold: fetched jars first)' : '';
        console.log(
          `${r.name.padEnd(8)} ${r.software.padEnd(34)} ${r.state}, ready after ${seconds(r.readyMs)}${cold}`,
        );
      }
      return 0;
    }
    case 'down': {
      const stopped = await down(only);
      console.log(
        stopped.length ? `stopped: ${stopped.join(', ')}` : 'nothing of ours was running',
      );
      return 0;
    }
    case 'status': {
      const all = await status();
      for (const s of all) {
        console.log(
          `${s.name.padEnd(8)} ${s.software.padEnd(34)} ${s.ready ? 'ready' : 'unreachable'} (started by ${s.startedBy})`,
        );
      }
      return all.every((s) => s.ready) ? 0 : 1;
    }
    default:
      console.error(USAGE);
      return command === undefined || command === 'help' ? 0 : 2;
  }
}

main(process.argv[2], process.argv.slice(3)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
