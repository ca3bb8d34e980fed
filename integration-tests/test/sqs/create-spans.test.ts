import { describe, expect, it } from '@jest/globals';
import { processMessage } from '@msgtrace/instrumentation-aws-sqs';
import { assertSpan, onlySpan, spansNamed } from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import { instrumentSqs, queueName } from '../../src/sqs';

const { telemetry, sdk, client, queue } = instrumentSqs({ createSpanPerMessage: true });

describe('SQS batch sends with createSpanPerMessage', () => {
  it('make a create span per entry, each its message’s creation context, linked from send', async () => {
    const url = await queue('creates');
    const name = queueName(url);
    const sqs = client();
    const sent = await sqs.send(
      new sdk.SendMessageBatchCommand({
        QueueUrl: url,
        Entries: ['a', 'b', 'c'].map((id) => ({ Id: id, MessageBody: `body ${id}` })),
      }),
    );
    const idOf = new Map((sent.Successful ?? []).map((s) => [s.Id, s.MessageId]));
    const received = [];
    while (received.length < 3) {
      const { Messages = [] } = await sqs.send(
        new sdk.ReceiveMessageCommand({
          QueueUrl: url,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 5,
        }),
      );
      received.push(...Messages);
    }
    for (const message of received) processMessage(message, () => undefined);

    const spans = telemetry.spans();
    const creates = spansNamed(spans, `create ${name}`);
    expect(creates).toHaveLength(3);
    const createOf = new Map(creates.map((c) => [c.attributes['messaging.message.id'], c]));
    expect([...createOf.keys()].sort()).toEqual([...idOf.values()].sort());
    for (const create of creates) {
      assertSpan(create, {
        kind: SpanKind.PRODUCER,
        parent: null,
        attributes: {
          'messaging.operation.type': 'create',
          'msgtrace.sqs.context_carrier': 'message-attributes',
        },
      });
    }
    assertSpan(onlySpan(spans, `send ${name}`), {
      links: ['a', 'b', 'c'].map((id) => {
        const create = createOf.get(idOf.get(id));
        if (!create) throw new Error(`no create span for ${id}`);
        return { to: create };
      }),
      attributes: { 'messaging.batch.message_count': 3 },
    });
    const processes = spansNamed(spans, `process ${name}`);
    for (const process of processes) {
      const create = createOf.get(process.attributes['messaging.message.id']);
      if (!create) throw new Error('process span without its create span');
      assertSpan(process, { parent: create });
    }
  });
});
