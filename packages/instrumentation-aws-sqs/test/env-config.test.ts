import { describe, expect, it } from '@jest/globals';
import { sqsConfigFromEnv } from '../src/env-config';

describe('sqsConfigFromEnv', () => {
  it('reads MSGTRACE_SQS_TRACE_EMPTY_RECEIVES, ignoring nonsense', () => {
    expect(sqsConfigFromEnv({})).toEqual({});
    expect(sqsConfigFromEnv({ MSGTRACE_SQS_TRACE_EMPTY_RECEIVES: 'true' })).toEqual({
      traceEmptyReceives: true,
    });
    expect(sqsConfigFromEnv({ MSGTRACE_SQS_TRACE_EMPTY_RECEIVES: '0' })).toEqual({
      traceEmptyReceives: false,
    });
    expect(sqsConfigFromEnv({ MSGTRACE_SQS_TRACE_EMPTY_RECEIVES: 'sometimes' })).toEqual({});
  });
});
