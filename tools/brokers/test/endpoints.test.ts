import { describe, expect, it } from '@jest/globals';
import { brokerEndpoints, DEFAULT_ENDPOINTS, hostPort } from '../src/endpoints';
import { runnerMode } from '../src/runner';

describe('brokerEndpoints', () => {
  it('uses the documented defaults when nothing is set', () => {
    expect(brokerEndpoints({})).toEqual(DEFAULT_ENDPOINTS);
  });

  it('reads every endpoint from the environment, trimming and splitting broker lists', () => {
    const endpoints = brokerEndpoints({
      MSGTRACE_KAFKA_BROKERS: ' kafka-a:9092, kafka-b:9093 ,',
      MSGTRACE_AMQP_URL: 'amqp://u:p@rabbit:5673',
      MSGTRACE_SQS_ENDPOINT: 'http://sqs:9324',
      MSGTRACE_KINESIS_ENDPOINT: 'http://kinesis:4567',
      MSGTRACE_AWS_REGION: 'eu-west-1',
    });
    expect(endpoints).toEqual({
      kafkaBrokers: ['kafka-a:9092', 'kafka-b:9093'],
      amqpUrl: 'amqp://u:p@rabbit:5673',
      sqsEndpoint: 'http://sqs:9324',
      kinesisEndpoint: 'http://kinesis:4567',
      awsRegion: 'eu-west-1',
    });
  });

  it('treats blank variables as unset', () => {
    expect(brokerEndpoints({ MSGTRACE_SQS_ENDPOINT: '  ' }).sqsEndpoint).toBe(
      DEFAULT_ENDPOINTS.sqsEndpoint,
    );
  });
});

describe('hostPort', () => {
  it('parses host:port pairs and URLs', () => {
    expect(hostPort('127.0.0.1:9092')).toEqual({ host: '127.0.0.1', port: 9092 });
    expect(hostPort('http://localhost:4567')).toEqual({ host: 'localhost', port: 4567 });
    expect(hostPort('amqp://guest:guest@rabbit:5673')).toEqual({ host: 'rabbit', port: 5673 });
  });

  it("falls back to the scheme's default port", () => {
    expect(hostPort('amqp://rabbit')).toEqual({ host: 'rabbit', port: 5672 });
    expect(hostPort('https://sqs.example')).toEqual({ host: 'sqs.example', port: 443 });
    expect(hostPort('[::1]:9092')).toEqual({ host: '::1', port: 9092 });
  });
});

describe('runnerMode', () => {
  it('defaults to auto and rejects unknown modes', () => {
    expect(runnerMode({})).toBe('auto');
    expect(runnerMode({ MSGTRACE_BROKERS: 'native' })).toBe('native');
    expect(() => runnerMode({ MSGTRACE_BROKERS: 'kubernetes' })).toThrow(/MSGTRACE_BROKERS/);
  });
});
