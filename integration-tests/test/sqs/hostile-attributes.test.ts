import { describe, expect, it } from '@jest/globals';
import { processMessage } from '@msgtrace/instrumentation-aws-sqs';
import { assertSpan, onlySpan } from '@msgtrace/test-utils';
import { BINARY_BODY } from '../../src/clients';
import { instrumentSqs, queueName } from '../../src/sqs';

const { telemetry, sdk, client, bareClient, queue } = instrumentSqs();

// What a careless or hostile sender can put where msgtrace looks for context.
const garbage: Record<
  string,
  Record<string, { DataType: string; StringValue?: string; BinaryValue?: Uint8Array }>
> = {
  'malformed traceparent': {
    traceparent: { DataType: 'String', StringValue: 'not-a-traceparent' },
  },
  'all-zero trace id': {
    traceparent: {
      DataType: 'String',
      StringValue: '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
    },
  },
  'oversized traceparent': {
    traceparent: { DataType: 'String', StringValue: `00-${'a'.repeat(20_000)}` },
  },
  'binary traceparent': { traceparent: { DataType: 'Binary', BinaryValue: BINARY_BODY } },
  'number traceparent': { traceparent: { DataType: 'Number', StringValue: '12345' } },
  'upper-case name, junk tracestate': {
    TraceParent: { DataType: 'String', StringValue: '00-zz-yy-01' },
    tracestate: { DataType: 'String', StringValue: '=,=,\u00e9\u00e9' },
  },
};

describe('SQS messages with garbage where the context would be', () => {
  it.each(Object.entries(garbage))(
    '%s: delivered unchanged, no context, no exception',
    async (_case, attributes) => {
      const url = await queue('garbage');
      const name = queueName(url);
      await bareClient().send(
        new sdk.SendMessageCommand({
          QueueUrl: url,
          MessageBody: 'payload',
          MessageAttributes: attributes,
          MessageSystemAttributes: {
            AWSTraceHeader: { DataType: 'String', StringValue: 'Root=garbage;Parent=;Sampled=9' },
          },
        }),
      );
      const { Messages = [] } = await client().send(
        new sdk.ReceiveMessageCommand({
          QueueUrl: url,
          MessageAttributeNames: ['All'],
          WaitTimeSeconds: 5,
        }),
      );
      const [message] = Messages;
      if (!message) throw new Error('nothing received');
      expect(message.Body).toBe('payload');
      expect(Object.keys(message.MessageAttributes ?? {}).sort()).toEqual(
        Object.keys(attributes).sort(),
      );
      for (const [key, value] of Object.entries(attributes)) {
        const got = message.MessageAttributes?.[key];
        expect(got?.DataType).toBe(value.DataType);
        if (value.StringValue !== undefined) expect(got?.StringValue).toBe(value.StringValue);
        if (value.BinaryValue)
          expect(Buffer.from(got?.BinaryValue ?? [])).toEqual(Buffer.from(value.BinaryValue));
      }
      expect(processMessage(message, () => 'handled')).toBe('handled');
      const spans = telemetry.spans();
      assertSpan(onlySpan(spans, `receive ${name}`), { links: [] });
      assertSpan(onlySpan(spans, `process ${name}`), { parent: null, links: [] });
    },
  );
});
