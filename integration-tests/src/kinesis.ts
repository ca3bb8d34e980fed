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
  afterAll(async () => {
    await Promise.allSettled(created.map((remove) => remove()));
    client.destroy();
    instrumentation.disable();
    await telemetry.shutdown();
  });
  return { telemetry, instrumentation, sdk, client };
}

/** A client-kinesis module of its own, never instrumented: someone else's producer or reader. */
export function bareKinesisSdk(): KinesisSdk {
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

/** A fresh one-shard stream, ACTIVE. Deleted after the suite. */
export async function freshStream(
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
export async function readAll(
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
