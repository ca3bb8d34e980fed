import { describe, it } from '@jest/globals';
import { processMessage, processMessages } from '@msgtrace/instrumentation-aws-sqs';
import { assertSpan, onlySpan } from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import { instrumentSqs } from '../../src/sqs';

const { telemetry } = instrumentSqs();

const w3c = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' };
const xray = { traceId: '5759e988bd862e3fe1be46a994272793', spanId: '53995c3f42cd8ad8' };

// The shape AWS Lambda hands an SQS-triggered function (abridged to the fields that matter).
const event = {
  Records: [
    {
      messageId: '059f36b4-87a3-44ab-83d2-661975830a7d',
      receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a',
      body: 'first',
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1545082649183' },
      messageAttributes: {
        traceparent: { stringValue: `00-${w3c.traceId}-${w3c.spanId}-01`, dataType: 'String' },
      },
      md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-2:123456789012:lambda-jobs',
      awsRegion: 'us-east-2',
    },
    {
      messageId: '2e1424d4-f796-459a-8184-9c92662be6da',
      receiptHandle: 'AQEBzWwaftRI0KuVm4tP+/7q1rGgNqicHq',
      body: 'second',
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1545082650636',
        AWSTraceHeader: `Root=1-${xray.traceId.slice(0, 8)}-${xray.traceId.slice(8)};Parent=${xray.spanId};Sampled=1`,
      },
      messageAttributes: {},
      md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-2:123456789012:lambda-jobs',
      awsRegion: 'us-east-2',
    },
  ],
};

describe('SQS records of a Lambda event', () => {
  it('each become a process span, child of their W3C or X-Ray context', () => {
    for (const record of event.Records) processMessage(record, () => undefined);
    const spans = telemetry.spans().filter((s) => s.name === 'process lambda-jobs');
    assertSpan(spans[0] ?? onlySpan([], 'missing'), {
      kind: SpanKind.CONSUMER,
      parent: w3c,
      attributes: { 'messaging.message.id': '059f36b4-87a3-44ab-83d2-661975830a7d' },
    });
    assertSpan(spans[1] ?? onlySpan([], 'missing'), { parent: xray });
  });

  it('as a batch, become one process span linked to both', () => {
    telemetry.reset();
    processMessages(event.Records, () => undefined);
    assertSpan(onlySpan(telemetry.spans(), 'process lambda-jobs'), {
      parent: null,
      links: [
        { to: w3c, attributes: { 'messaging.message.id': event.Records[0]?.messageId } },
        { to: xray },
      ],
      attributes: { 'messaging.batch.message_count': 2 },
    });
  });
});
