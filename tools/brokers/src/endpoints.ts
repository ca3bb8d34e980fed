/**
 * Where the brokers are. Every test, the runner and the demo read these, so a broker started by
 * docker-compose, by the native runner or by someone else entirely is used the same way.
 */
export interface BrokerEndpoints {
  /** Kafka bootstrap servers, comma-separated host:port. Env `MSGTRACE_KAFKA_BROKERS`. */
  kafkaBrokers: string[];
  /** AMQP URL of RabbitMQ. Env `MSGTRACE_AMQP_URL`. */
  amqpUrl: string;
  /** SQS-compatible endpoint (ElasticMQ). Env `MSGTRACE_SQS_ENDPOINT`. */
  sqsEndpoint: string;
  /** Kinesis-compatible endpoint (kinesalite). Env `MSGTRACE_KINESIS_ENDPOINT`. */
  kinesisEndpoint: string;
  /** Region the AWS clients sign for. Env `MSGTRACE_AWS_REGION`. */
  awsRegion: string;
}

export const DEFAULT_ENDPOINTS: Readonly<BrokerEndpoints> = Object.freeze({
  kafkaBrokers: ['127.0.0.1:9092'],
  amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
  sqsEndpoint: 'http://127.0.0.1:9324',
  kinesisEndpoint: 'http://127.0.0.1:4567',
  awsRegion: 'us-east-1',
});

function fromEnv(name: string, env: NodeJS.ProcessEnv): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

export function brokerEndpoints(env: NodeJS.ProcessEnv = process.env): BrokerEndpoints {
  const kafka = fromEnv('MSGTRACE_KAFKA_BROKERS', env);
  return {
    kafkaBrokers: kafka
      ? kafka
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [...DEFAULT_ENDPOINTS.kafkaBrokers],
    amqpUrl: fromEnv('MSGTRACE_AMQP_URL', env) ?? DEFAULT_ENDPOINTS.amqpUrl,
    sqsEndpoint: fromEnv('MSGTRACE_SQS_ENDPOINT', env) ?? DEFAULT_ENDPOINTS.sqsEndpoint,
    kinesisEndpoint: fromEnv('MSGTRACE_KINESIS_ENDPOINT', env) ?? DEFAULT_ENDPOINTS.kinesisEndpoint,
    awsRegion: fromEnv('MSGTRACE_AWS_REGION', env) ?? DEFAULT_ENDPOINTS.awsRegion,
  };
}

/**
 * Local emulators accept any signature; real credentials must never be needed. A fresh object per
 * client: the AWS SDK writes bookkeeping onto the credentials it is given.
 */
export function emulatorCredentials(): { accessKeyId: string; secretAccessKey: string } {
  return { accessKeyId: 'msgtrace', secretAccessKey: 'msgtrace' };
}

const DEFAULT_PORTS: Record<string, number> = {
  'amqp:': 5672,
  'amqps:': 5671,
  'http:': 80,
  'https:': 443,
  'tcp:': 9092,
};

/** Host and port of a `host:port` pair or of a URL, with the scheme's default port. */
export function hostPort(endpoint: string): { host: string; port: number } {
  const url = new URL(endpoint.includes('://') ? endpoint : `tcp://${endpoint}`);
  const port = url.port ? Number(url.port) : (DEFAULT_PORTS[url.protocol] ?? 0);
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port };
}
