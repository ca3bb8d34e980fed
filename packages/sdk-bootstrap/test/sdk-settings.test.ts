import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  enabledVariable,
  instrumentationEnabled,
  sdkSettingsFromEnv,
} from '../src/settings';

describe('sdkSettingsFromEnv', () => {
  it('starts an SDK with a bounded flush by default', () => {
    expect(sdkSettingsFromEnv({})).toEqual({
      sdkDisabled: false,
      startSdk: true,
      shutdownTimeoutMs: DEFAULT_SHUTDOWN_TIMEOUT_MS,
      forwardWorkerSpans: true,
    });
  });

  it('reads OTEL_SDK_DISABLED, MSGTRACE_START_SDK, the timeout and worker span forwarding', () => {
    expect(
      sdkSettingsFromEnv({
        OTEL_SDK_DISABLED: 'TRUE',
        MSGTRACE_START_SDK: 'false',
        MSGTRACE_SHUTDOWN_TIMEOUT_MS: ' 250 ',
        MSGTRACE_FORWARD_WORKER_SPANS: 'false',
      }),
    ).toEqual({
      sdkDisabled: true,
      startSdk: false,
      shutdownTimeoutMs: 250,
      forwardWorkerSpans: false,
    });
  });

  it('ignores values that make no sense', () => {
    expect(
      sdkSettingsFromEnv({
        OTEL_SDK_DISABLED: 'maybe',
        MSGTRACE_START_SDK: 'nope',
        MSGTRACE_SHUTDOWN_TIMEOUT_MS: 'soon',
      }),
    ).toEqual(sdkSettingsFromEnv({}));
    expect(sdkSettingsFromEnv({ MSGTRACE_SHUTDOWN_TIMEOUT_MS: '-1' }).shutdownTimeoutMs).toBe(
      DEFAULT_SHUTDOWN_TIMEOUT_MS,
    );
  });
});

describe('instrumentationEnabled', () => {
  it('names its variable after the instrumentation', () => {
    expect(enabledVariable('aws-sqs')).toBe('MSGTRACE_AWS_SQS_ENABLED');
    expect(enabledVariable('kafkajs')).toBe('MSGTRACE_KAFKAJS_ENABLED');
  });

  it('enables everything when nothing is set', () => {
    expect(instrumentationEnabled('kafkajs', {})).toBe(true);
  });

  it('follows the OTEL_NODE lists: enabled names only, minus disabled ones', () => {
    const env = { OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http, kafkajs,amqplib' };
    expect(instrumentationEnabled('kafkajs', env)).toBe(true);
    expect(instrumentationEnabled('aws-sqs', env)).toBe(false);
    const both = { ...env, OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'amqplib' };
    expect(instrumentationEnabled('amqplib', both)).toBe(false);
    expect(
      instrumentationEnabled('aws-kinesis', { OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'aws-kinesis' }),
    ).toBe(false);
  });

  it('lets MSGTRACE_<NAME>_ENABLED decide over the lists, when it is a boolean', () => {
    const off = { OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'aws-sqs', MSGTRACE_AWS_SQS_ENABLED: '1' };
    expect(instrumentationEnabled('aws-sqs', off)).toBe(true);
    expect(instrumentationEnabled('kafkajs', { MSGTRACE_KAFKAJS_ENABLED: 'false' })).toBe(false);
    expect(instrumentationEnabled('kafkajs', { MSGTRACE_KAFKAJS_ENABLED: 'off-ish' })).toBe(true);
  });
});
