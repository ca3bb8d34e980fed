/** Which Kafka client checkout and fraud use: kafkajs, or the Confluent client's KafkaJS API. */
export type KafkaClientName = 'kafkajs' | 'confluent';

export interface DemoArgs {
  orders: number;
  kafkaClient: KafkaClientName;
  json: string | undefined;
  keepBrokers: boolean;
  timeoutMs: number;
}

/**
 * `--orders N`, `--json FILE`, `--keep-brokers`, `--timeout-ms N`, `--kafka-client
 * kafkajs|confluent`; unknown flags are errors.
 */
export function parseArgs(argv: readonly string[]): DemoArgs {
  const args: DemoArgs = {
    orders: 2,
    kafkaClient: 'kafkajs',
    json: undefined,
    keepBrokers: false,
    timeoutMs: 60_000,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    const positive = (text: string) => {
      const n = Number(text);
      if (!Number.isInteger(n) || n < 1)
        throw new Error(`${flag} needs a positive integer, not ${text}`);
      return n;
    };
    if (flag === '--orders') args.orders = positive(value());
    else if (flag === '--json') args.json = value();
    else if (flag === '--keep-brokers') args.keepBrokers = true;
    else if (flag === '--timeout-ms') args.timeoutMs = positive(value());
    else if (flag === '--kafka-client') {
      const client = value();
      if (client !== 'kafkajs' && client !== 'confluent')
        throw new Error(`--kafka-client is kafkajs or confluent, not ${client}`);
      args.kafkaClient = client;
    } else throw new Error(`unknown option ${flag}; see demo/README.md`);
  }
  return args;
}
