import type { MessagingInstrumentationConfig } from '@msgtrace/core';
import type { InstrumentationConfig } from '@opentelemetry/instrumentation';

/**
 * The parts of @aws-sdk/client-kinesis's shapes msgtrace reads, declared structurally so this
 * package's public types do not depend on one SDK version's declarations.
 */

/** Record data as callers give it: the SDK's type is Uint8Array; strings are accepted too. */
export type KinesisData = Uint8Array | string;

/** One entry of `PutRecords`, or the data part of `PutRecord`'s input. */
export interface KinesisRecordInput {
  Data?: KinesisData | undefined;
  PartitionKey?: string | undefined;
}

/** A record as `GetRecords` returns it. */
export interface KinesisRecord {
  Data?: Uint8Array | undefined;
  SequenceNumber?: string | undefined;
  PartitionKey?: string | undefined;
  ApproximateArrivalTimestamp?: Date | undefined;
}

/** The `kinesis` part of a Lambda Kinesis event record. */
export interface LambdaKinesisPayload {
  /** The record's data, base64. */
  data: string;
  partitionKey?: string;
  sequenceNumber?: string;
  /** Epoch seconds, with a fraction. */
  approximateArrivalTimestamp?: number;
  kinesisSchemaVersion?: string;
}

/** One element of a Lambda Kinesis event's `Records` (the real event shape). */
export interface LambdaKinesisRecord {
  kinesis: LambdaKinesisPayload;
  /** `shardId-000000000006:49590338271490256608559692538361571095921575989136588898`. */
  eventID?: string;
  /** `arn:aws:kinesis:us-east-2:123456789012:stream/lambda-stream`. */
  eventSourceARN?: string;
  eventSource?: string;
  eventVersion?: string;
  eventName?: string;
  invokeIdentityArn?: string;
  awsRegion?: string;
}

/** What `producerHook` receives with each `send` (and `create`) span. */
export interface KinesisProducerHookInfo {
  streamName: string | undefined;
  /** The records of the call as the caller gave them (do not mutate). */
  records: readonly KinesisRecordInput[];
}

/** What `consumerHook` receives with each `receive` and `process` span. */
export interface KinesisConsumerHookInfo {
  streamName: string | undefined;
  shardId: string | undefined;
  /** The records as the application gets them (the context key already taken out). */
  records: readonly KinesisRecord[];
}

/** What an `injectContext` function is asked about. */
export interface KinesisInjectInfo {
  streamName: string | undefined;
}

/** Configuration of {@link AwsKinesisInstrumentation}. */
export interface AwsKinesisInstrumentationConfig
  extends InstrumentationConfig,
    MessagingInstrumentationConfig<KinesisProducerHookInfo, KinesisConsumerHookInfo> {
  /**
   * Whether `PutRecord` / `PutRecords` write trace context into JSON object records. Default
   * `true`. A function decides per stream: return `false` for streams read by consumers you do
   * not control (Firehose delivering to a data lake, another team's service), which would see the
   * extra member. Spans are made either way.
   */
  injectContext?: boolean | ((info: KinesisInjectInfo) => boolean);
  /**
   * The body key the context is written under and read from. Default `_msgtrace`. Producers and
   * consumers must agree on it.
   */
  bodyKey?: string;
  /**
   * Keys other tracers write context under in JSON record bodies, read when a record carries none
   * of ours. Default `['_datadog']` (dd-trace). The global propagator must understand what is in
   * there (dd-trace also writes W3C `traceparent` unless configured otherwise).
   */
  foreignBodyKeys?: readonly string[];
  /**
   * Whether a foreign key (see `foreignBodyKeys`) is also taken out of the record before the
   * application sees it. Default `false`: we did not put it there, and its writer's consumers may
   * rely on it.
   */
  stripForeignBodyKeys?: boolean;
}
