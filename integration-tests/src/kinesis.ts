import type { _Record, KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, jest } from '@jest/globals';
import { emulatorCredentials } from '@msgtrace/brokers';
import {
  AwsKinesisInstrumentation,
  type AwsKinesisInstrumentationConfig,
} from '@msgtrace/instrumentation-aws-kinesis';
import {
  setupTestTelemetry,
  type TestTelemetry,
  type TestTelemetryOptions,
  uniqueName,
} from '@msgtrace/test-utils';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { endpoints } from './clients';

type KinesisSdk = typeof import('@aws-sdk/client-kinesis');

/**
 * @aws-sdk/client-kinesis instrumented in this Jest process: Jest's registry hides modules from
 * the loader hook, so the suite instruments the module it loaded (the same patch the hook
 * applies). The register entry itself is tested out of process.
 */
export interface InstrumentedKinesis {
  telemetry: TestTelemetry;
  instrumentation: AwsKinesisInstrumentation;
  sdk: KinesisSdk;
  client: KinesisClient;
  /** A client-kinesis module of its own and its client, never instrumented: someone else's. */
  bare: { sdk: KinesisSdk; client: KinesisClient };
  /** A fresh one-shard stream, ACTIVE, deleted after the suite. */
  freshStream(prefix: string): Promise<string>;
  /** Every record of a shard (the stream's only one by default), through the instrumented client. */
  readAll(stream: string, shardId?: string): Promise<_Record[]>;
  /** Every record of the stream's only shard as stored, through the bare client. */
  readRaw(stream: string): Promise<_Record[]>;
}

export function instrumentKinesis(
  config: AwsKinesisInstrumentationConfig = {},
  telemetryOptions: TestTelemetryOptions = {},
): InstrumentedKinesis {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const telemetry = setupTestTelemetry(telemetryOptions);
  const instrumentation = new AwsKinesisInstrumentation(config);
  const sdk = require('@aws-sdk/client-kinesis') as KinesisSdk;
  instrumentation.instrumentModule('@aws-sdk/client-kinesis', sdk);
  const client = kinesisClientOf(sdk);
  let bare: InstrumentedKinesis['bare'] | undefined;
  // Made on first use: loading a second client-kinesis costs the suites that never need it.
  const bareClients = () => {
    if (!bare) {
      const bareSdk = bareKinesisSdk();
      bare = { sdk: bareSdk, client: kinesisClientOf(bareSdk) };
    }
    return bare;
  };
  afterAll(async () => {
    await Promise.allSettled(created.map((remove) => remove()));
    client.destroy();
    bare?.client.destroy();
    instrumentation.disable();
    await telemetry.shutdown();
  });
  return {
    telemetry,
    instrumentation,
    sdk,
    client,
    get bare() {
      return bareClients();
    },
    freshStream: (prefix) => createStream(sdk, client, prefix),
    readAll: (stream, shardId) => readShard(sdk, client, stream, shardId),
    readRaw: (stream) => readShard(bareClients().sdk, bareClients().client, stream),
  };
}

/** A client-kinesis module of its own, never instrumented: someone else's producer or reader. */
function bareKinesisSdk(): KinesisSdk {
  let isolated: KinesisSdk | undefined;
  jest.isolateModules(() => {
    isolated = require('@aws-sdk/client-kinesis') as KinesisSdk;
  });
  if (!isolated) throw new Error('could not load an isolated @aws-sdk/client-kinesis');
  return isolated;
}

/** kinesalite speaks HTTP/1.1 only; the SDK defaults to HTTP/2. */
export function kinesisClientOf(sdk: KinesisSdk): KinesisClient {
  return new sdk.KinesisClient({
    endpoint: endpoints.kinesisEndpoint,
    region: endpoints.awsRegion,
    credentials: emulatorCredentials(),
    requestHandler: new NodeHttpHandler(),
  });
}

// Streams made by freshStream, deleted after the suite (before its clients are destroyed).
const created: (() => Promise<unknown>)[] = [];

/** A fresh one-shard stream, ACTIVE; deleted after the suite of a file that calls instrumentKinesis. */
export async function createStream(
  sdk: KinesisSdk,
  client: KinesisClient,
  prefix: string,
): Promise<string> {
  const StreamName = uniqueName(prefix);
  await client.send(new sdk.CreateStreamCommand({ StreamName, ShardCount: 1 }));
  for (;;) {
    const { StreamDescriptionSummary } = await client.send(
      new sdk.DescribeStreamSummaryCommand({ StreamName }),
    );
    if (StreamDescriptionSummary?.StreamStatus === 'ACTIVE') break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  created.push(() => client.send(new sdk.DeleteStreamCommand({ StreamName })));
  return StreamName;
}

/** Every record of the stream's only shard, from the start, through `client`. */
async function readShard(
  sdk: KinesisSdk,
  client: KinesisClient,
  StreamName: string,
  ShardId = 'shardId-000000000000',
): Promise<_Record[]> {
  const { ShardIterator } = await client.send(
    new sdk.GetShardIteratorCommand({ StreamName, ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
  );
  const { Records = [] } = await client.send(new sdk.GetRecordsCommand({ ShardIterator }));
  return Records;
}

/** The data of records as Buffers, for byte comparisons. */
export const bytesOf = (records: readonly _Record[]): Buffer[] =>
  records.map((r) => Buffer.from(r.Data ?? new Uint8Array()));

/** A 32-hex trace id and 16-hex span id context written by someone else. */
export const FOREIGN_TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
