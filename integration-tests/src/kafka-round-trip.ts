import { expect } from '@jest/globals';
import {
  assertSpan,
  type FixtureResult,
  onlySpan,
  withoutLibraryWarnings,
} from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';

/** What a register-entry fixture app sends, and the client id it sets, per module system. */
export type RoundTripApps = Record<'cjs' | 'esm', { value: string; clientId: string }>;

/**
 * The check both Kafka clients' register-entry suites make of an app's send-and-consume round
 * trip: the app saw its value with our one header added to the message (`traceparent`; no
 * `msgtrace-pw`: pipelines are opt-in) and none to its own object, and the handler's work sits
 * under `process`, under `send`.
 */
export function kafkaRoundTripCheck(apps: RoundTripApps) {
  return (result: FixtureResult, topic: string, app: 'cjs' | 'esm'): void => {
    const { value, clientId } = apps[app];
    expect(withoutLibraryWarnings(result.stderr)).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      value,
      headers: ['app', 'traceparent'],
      callerHeaders: ['app'],
    });
    const send = onlySpan(result.spans, `send ${topic}`);
    assertSpan(send, { kind: SpanKind.PRODUCER, attributes: { 'messaging.client.id': clientId } });
    const process = onlySpan(result.spans, `process ${topic}`);
    assertSpan(process, { kind: SpanKind.CONSUMER, parent: send });
    assertSpan(onlySpan(result.spans, 'handler work'), { parent: process });
  };
}
