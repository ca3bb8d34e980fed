import { guard, processInMessageContext, readJsonBody, telemetrySlot } from '@msgtrace/core';
import type { Span } from '@opentelemetry/api';
import { readOptionsOf } from './config.js';
import { arrivalMs, shardIdFromEventId, streamNameFromArn } from './describe.js';
import type { KinesisTelemetry } from './telemetry.js';
import type { LambdaKinesisRecord } from './types.js';
import { PACKAGE_NAME } from './version.js';

const slot = telemetrySlot<KinesisTelemetry>(PACKAGE_NAME);

/** A Lambda record's data, decoded; empty for a record without base64 data. */
function decode(record: LambdaKinesisRecord): Buffer {
  const data = record?.kinesis?.data;
  return typeof data === 'string' ? Buffer.from(data, 'base64') : Buffer.alloc(0);
}

/**
 * Runs `work` for one record of an AWS Lambda Kinesis event under its own `process {stream}`
 * span, child of (or linked to, in link mode) the producer's span. `work` gets the record's data
 * decoded from base64 and without our key: the exact bytes that were put. The stream comes from
 * `eventSourceARN`, the shard from `eventID`, the message age from
 * `approximateArrivalTimestamp`.
 *
 * ```ts
 * export const handler = async (event: KinesisStreamEvent) => {
 *   for (const record of event.Records) {
 *     await processLambdaRecord(record, async (data) => handle(JSON.parse(data.toString())));
 *   }
 * };
 * ```
 *
 * Without an enabled instrumentation, `work` runs with the decoded, stripped data and no span.
 */
export function processLambdaRecord<T>(
  record: LambdaKinesisRecord,
  work: (data: Buffer, span: Span | undefined) => T,
): T {
  const telemetry = slot.current;
  const raw = decode(record);
  // Guarded like the span's start: reading our key must never cost the app its record.
  const read = guard('kinesis processLambdaRecord body', () =>
    telemetry ? telemetry.readBody(raw) : readJsonBody(raw, readOptionsOf({})),
  );
  const data = read ? read.data : raw;
  if (!telemetry || !record || typeof record !== 'object') return work(data, undefined);
  const payload = record.kinesis ?? {};
  return processInMessageContext(
    'kinesis processLambdaRecord',
    () =>
      telemetry.messageProcessing({
        streamName: streamNameFromArn(record.eventSourceARN),
        shardId: shardIdFromEventId(record.eventID),
        sequenceNumber: payload.sequenceNumber,
        partitionKey: payload.partitionKey,
        size: data.byteLength,
        carrier: read?.carrier,
        record: {
          Data: data,
          SequenceNumber: payload.sequenceNumber,
          PartitionKey: payload.partitionKey,
        },
        uncounted: { arrivalMs: arrivalMs(payload.approximateArrivalTimestamp) },
      }),
    (span) => work(data, span),
  );
}
