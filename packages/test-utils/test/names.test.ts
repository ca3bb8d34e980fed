import { describe, expect, it } from '@jest/globals';
import { uniqueFifoQueueName, uniqueName } from '../src/names';

describe('uniqueName', () => {
  it('is different every time and safe for every broker', () => {
    const names = new Set(Array.from({ length: 1000 }, () => uniqueName('orders topic/π')));
    expect(names.size).toBe(1000);
    for (const name of names) {
      expect(name).toMatch(/^orders-topic-[a-z0-9]+-[0-9a-f]{8}$/);
      expect(name.length).toBeLessThanOrEqual(64);
    }
  });

  it('stays within SQS limits for long prefixes and FIFO names', () => {
    const name = uniqueFifoQueueName('x'.repeat(200));
    expect(name.endsWith('.fifo')).toBe(true);
    expect(name.length).toBeLessThanOrEqual(80);
  });
});
