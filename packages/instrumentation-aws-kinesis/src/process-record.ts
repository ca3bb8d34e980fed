import { guard, processInMessageContext, readJsonBody, telemetrySlot } from '@msgtrace/core';
import type { Span } from '@opentelemetry/api';
import { readOptionsOf } from './config.js';
import { dataByteLength } from './describe.js';
import { receivedRecords } from './received.js';
import type { KinesisTelemetry } from './telemetry.js';
import type { KinesisRecord } from './types.js';
import { PACKAGE_NAME } from './version.js';

const slot = telemetrySlot<KinesisTelemetry>(PACKAGE_NAME);

/** Where a record came from, for records no instrumented `GetRecords` returned. */
export interface ProcessRecordOptions {
  streamName?: string;
  shardId?: string;
}

/**
 * Runs `work` in one record's context under its own `process {stream}` span: for each record of
 * a `GetRecords` answer (whose `receive` span links to them all). Child or link mode as
 * configured; the span ends when `work` returns or its promise settles, and a throw or rejection
 * marks it and reaches you unchanged.
 *
 * `work` gets the record's data as the application should see it: for a record an instrumented
 * `GetRecords` returned, `record.Data` itself (already without our key); for any other record
 * (an uninstrumented client, a copy), the data without our key, while `record` stays untouched.
 * Without an enabled instrumentation, `work` runs with that data and no span.
 */
export function processRecord<T>(
  record: KinesisRecord,
  work: (data: Uint8Array | undefined, span: Span | undefined) => T,
  options: ProcessRecordOptions = {},
): T {
  const isObject = record !== null && typeof record === 'object';
  const tracked = isObject ? receivedRecords().get(record) : undefined;
  const telemetry = slot.current;
  let data = isObject ? record.Data : undefined;
  let carrier = tracked?.carrier;
  if (!tracked && data instanceof Uint8Array) {
    const bytes = data;
    // Guarded like the span's start: reading our key must never cost the app its record.
    const read = guard('kinesis processRecord body', () =>
      telemetry ? telemetry.readBody(bytes) : readJsonBody(bytes, readOptionsOf({})),
    );
    if (read) {
      data = read.data;
      carrier = read.carrier;
    }
  }
  if (!telemetry || !isObject) return work(data, undefined);
  return processInMessageContext(
    'kinesis processRecord',
    () =>
      telemetry.messageProcessing({
        streamName: tracked?.streamName ?? options.streamName,
        shardId: tracked?.shardId ?? options.shardId,
        sequenceNumber: record.SequenceNumber,
        partitionKey: record.PartitionKey,
        size: data === undefined ? undefined : dataByteLength(data),
        carrier,
        record,
      }),
    (span) => work(data, span),
  );
}
