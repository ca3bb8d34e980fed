import { describe, expect, it } from '@jest/globals';
import { DiagLogLevel, diag } from '@opentelemetry/api';
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

const noop = () => undefined;
const silent = { error: noop, warn: noop, info: noop, debug: noop, verbose: noop };

describe("contrib's names in the OTEL_NODE lists", () => {
  it('reads aws-sdk as both AWS instrumentations, in the enabled and the disabled list', () => {
    const enabled = { OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'kafkajs,amqplib,aws-sdk' };
    for (const name of ['kafkajs', 'amqplib', 'aws-sqs', 'aws-kinesis']) {
      expect(instrumentationEnabled(name, enabled)).toBe(true);
    }
    const disabled = { OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'aws-sdk' };
    expect(instrumentationEnabled('aws-sqs', disabled)).toBe(false);
    expect(instrumentationEnabled('aws-kinesis', disabled)).toBe(false);
    expect(instrumentationEnabled('kafkajs', disabled)).toBe(true);
  });

  it('knows the Confluent instrumentation by its name and package name, apart from kafkajs', () => {
    const off = {
      OTEL_NODE_DISABLED_INSTRUMENTATIONS: '@msgtrace/instrumentation-confluent-kafka',
    };
    expect(instrumentationEnabled('confluent-kafka', off)).toBe(false);
    expect(instrumentationEnabled('kafkajs', off)).toBe(true);
    const only = { OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'confluent-kafka' };
    expect(instrumentationEnabled('confluent-kafka', only)).toBe(true);
    expect(instrumentationEnabled('kafkajs', only)).toBe(false);
    expect(
      instrumentationEnabled('confluent-kafka', { MSGTRACE_CONFLUENT_KAFKA_ENABLED: 'false' }),
    ).toBe(false);
  });

  it('reads contrib and msgtrace package names', () => {
    const env = {
      OTEL_NODE_ENABLED_INSTRUMENTATIONS:
        '@opentelemetry/instrumentation-kafkajs,@msgtrace/instrumentation-aws-kinesis',
      OTEL_NODE_DISABLED_INSTRUMENTATIONS: '@opentelemetry/instrumentation-amqplib',
    };
    expect(instrumentationEnabled('kafkajs', env)).toBe(true);
    expect(instrumentationEnabled('aws-kinesis', env)).toBe(true);
    expect(instrumentationEnabled('aws-sqs', env)).toBe(false);
    expect(instrumentationEnabled('amqplib', env)).toBe(false);
  });

  it('warns once per unknown name, listing ours, and never about contrib’s other names', () => {
    const warnings: string[] = [];
    diag.setLogger(
      { ...silent, warn: (message: string) => warnings.push(message) },
      DiagLogLevel.WARN,
    );
    try {
      const env = { OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'http,express,kafka,pg,sqs-typo' };
      for (const name of ['kafkajs', 'aws-sqs', 'kafkajs']) instrumentationEnabled(name, env);
    } finally {
      diag.disable();
    }
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('"kafka"');
    expect(warnings[1]).toContain('"sqs-typo"');
    expect(warnings[0]).toContain(
      'kafkajs, aws-sqs, amqplib, aws-kinesis, confluent-kafka, aws-sdk',
    );
  });
});
