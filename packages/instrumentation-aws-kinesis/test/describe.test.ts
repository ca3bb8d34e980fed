import { describe, expect, it } from '@jest/globals';
import { SEMCONV_V1_44 } from '@msgtrace/core';
import {
  arrivalMs,
  dataByteLength,
  placementAttributes,
  processOperation,
  producerOperation,
  putRecordsOutcome,
  receiveOperation,
  recordLinkAttributes,
  shardIdFromEventId,
  streamNameFromArn,
  streamNameOf,
} from '../src/describe';
import { ShardIterators } from '../src/shard-iterators';

describe('stream addressing', () => {
  it('takes the name, else the name inside the ARN', () => {
    const arn = 'arn:aws:kinesis:eu-west-1:123456789012:stream/orders';
    expect(streamNameOf({ StreamName: 'a', StreamARN: arn })).toBe('a');
    expect(streamNameOf({ StreamARN: arn })).toBe('orders');
    expect(streamNameOf({ StreamARN: `${arn}/consumer/app:1700000000` })).toBe('orders');
    expect(streamNameOf({ StreamName: '', StreamARN: 'not an arn' })).toBeUndefined();
    expect(streamNameOf(undefined)).toBeUndefined();
    expect(streamNameOf('orders')).toBeUndefined();
    expect(streamNameFromArn('arn:aws:kinesis:eu-west-1:1:stream/')).toBeUndefined();
    expect(streamNameFromArn(42)).toBeUndefined();
  });

  it('reads the shard out of a Lambda eventID', () => {
    expect(shardIdFromEventId('shardId-000000000006:49590338271490256608559692538361571095')).toBe(
      'shardId-000000000006',
    );
    expect(shardIdFromEventId('garbage:1')).toBeUndefined();
    expect(shardIdFromEventId(undefined)).toBeUndefined();
  });
});

describe('operations', () => {
  it('describes a single-record send with its body size, the key only on request', () => {
    const record = { Data: 'caf\u00e9', PartitionKey: 'user-7' };
    expect(producerOperation('send', 's', record, false)).toEqual({
      semconv: SEMCONV_V1_44,
      system: 'aws_kinesis',
      type: 'send',
      name: 'send',
      destination: 's',
      attributes: { 'aws.kinesis.stream_name': 's' },
      recordedAttributes: { 'messaging.message.body.size': 5 },
    });
    expect(producerOperation('send', 's', record, true).recordedAttributes).toMatchObject({
      'msgtrace.kinesis.partition_key': 'user-7',
    });
    expect(producerOperation('send', undefined, undefined, false)).toEqual({
      semconv: SEMCONV_V1_44,
      system: 'aws_kinesis',
      type: 'send',
      name: 'send',
      destination: undefined,
      attributes: {},
    });
  });

  it('makes the shard the partition and the sequence number the message id', () => {
    expect(receiveOperation('s', 'shardId-1', { address: 'h', port: 443 })).toEqual({
      semconv: SEMCONV_V1_44,
      system: 'aws_kinesis',
      type: 'receive',
      name: 'receive',
      destination: 's',
      attributes: {
        'aws.kinesis.stream_name': 's',
        'server.address': 'h',
        'server.port': 443,
      },
      recordedAttributes: { 'messaging.destination.partition.id': 'shardId-1' },
    });
    expect(
      processOperation(
        's',
        'shardId-1',
        { sequenceNumber: '42', partitionKey: 'k', size: 3 },
        false,
      ).recordedAttributes,
    ).toEqual({
      'messaging.destination.partition.id': 'shardId-1',
      'messaging.message.id': '42',
      'messaging.message.body.size': 3,
    });
    expect(recordLinkAttributes('42', 'shardId-1')).toEqual({
      'messaging.message.id': '42',
      'messaging.destination.partition.id': 'shardId-1',
    });
    expect(recordLinkAttributes(undefined, undefined)).toBeUndefined();
    expect(placementAttributes({ ShardId: 'shardId-1', SequenceNumber: '9' })).toEqual({
      'messaging.destination.partition.id': 'shardId-1',
      'messaging.message.id': '9',
    });
    expect(placementAttributes(null)).toEqual({});
  });
});

describe('PutRecords answers', () => {
  it('finds the failed records and their codes, trusting FailedRecordCount', () => {
    const outcome = putRecordsOutcome(
      {
        FailedRecordCount: 2,
        Records: [
          { ShardId: 'shardId-0', SequenceNumber: '1' },
          { ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: 'slow down' },
          { ErrorCode: 'InternalFailure' },
        ],
      },
      3,
    );
    expect(outcome).toEqual({
      failedCount: 2,
      succeeded: 1,
      failures: [
        {
          index: 1,
          errorCode: 'ProvisionedThroughputExceededException',
          errorMessage: 'slow down',
        },
        { index: 2, errorCode: 'InternalFailure', errorMessage: undefined },
      ],
    });
    expect(putRecordsOutcome(undefined, 4)).toEqual({ failedCount: 0, succeeded: 4, failures: [] });
    expect(putRecordsOutcome({ Records: [null, { ErrorCode: 'X' }] }, 2).failedCount).toBe(1);
  });
});

describe('small readers', () => {
  it('counts data bytes as Kinesis does', () => {
    expect(dataByteLength('\u00e9')).toBe(2);
    expect(dataByteLength(new Uint8Array(7))).toBe(7);
    expect(dataByteLength(undefined)).toBe(0);
  });

  it('reads arrival times from Dates (GetRecords) and epoch seconds (Lambda)', () => {
    expect(arrivalMs(new Date(1_700_000_000_123))).toBe(1_700_000_000_123);
    expect(arrivalMs(1_700_000_000.5)).toBe(1_700_000_000_500);
    expect(arrivalMs(new Date(Number.NaN))).toBeUndefined();
    expect(arrivalMs('yesterday')).toBeUndefined();
  });
});

describe('ShardIterators', () => {
  it('follows an iterator chain and forgets spent iterators', () => {
    const iterators = new ShardIterators(3);
    const position = { streamName: 's', shardId: 'shardId-0' };
    iterators.remember('it-1', position);
    expect(iterators.lookup('it-1')).toBe(position);
    iterators.advance('it-1', 'it-2', position);
    expect(iterators.lookup('it-1')).toBeUndefined();
    expect(iterators.lookup('it-2')).toBe(position);
    iterators.remember(undefined, position);
    iterators.remember('it-x', { streamName: undefined, shardId: undefined });
    expect(iterators.size).toBe(1);
  });

  it('stays bounded, dropping the oldest first', () => {
    const iterators = new ShardIterators(2);
    const position = { streamName: 's', shardId: undefined };
    for (const it of ['a', 'b', 'c']) iterators.remember(it, position);
    expect(iterators.size).toBe(2);
    expect(iterators.lookup('a')).toBeUndefined();
    expect(iterators.lookup('c')).toBe(position);
  });
});
