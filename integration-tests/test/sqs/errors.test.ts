import { describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan } from '@msgtrace/test-utils';
import { SpanStatusCode } from '@opentelemetry/api';
import { endpoints } from '../../src/clients';
import { instrumentSqs } from '../../src/sqs';

const { telemetry, sdk, client } = instrumentSqs();

describe('SQS calls that fail', () => {
  it('end their spans as errors, and the caller gets the SDK’s own error', async () => {
    const url = `${endpoints.sqsEndpoint}/000000000000/no-such-queue-${Date.now()}`;
    const name = url.slice(url.lastIndexOf('/') + 1);
    const sqs = client();
    const sendError = await sqs
      .send(new sdk.SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }))
      .catch((error: unknown) => error);
    const receiveError = await sqs
      .send(new sdk.ReceiveMessageCommand({ QueueUrl: url }))
      .catch((error: unknown) => error);
    for (const error of [sendError, receiveError]) {
      expect(error).toBeInstanceOf(sdk.SQSServiceException);
    }
    const spans = telemetry.spans();
    assertSpan(onlySpan(spans, `send ${name}`), {
      status: SpanStatusCode.ERROR,
      attributes: { 'error.type': (sendError as Error).name },
    });
    assertSpan(onlySpan(spans, `receive ${name}`), {
      status: SpanStatusCode.ERROR,
      links: [],
      attributes: {
        'error.type': (receiveError as Error).name,
        'messaging.batch.message_count': 0,
      },
    });
  });
});
