import { describe, expect, it } from '@jest/globals';
import { type DestinationInfo, resolvePropagationMode } from '../src/propagation-mode';

const info: DestinationInfo = { system: 'kafka', destination: 'audit', operation: 'process' };

describe('resolvePropagationMode', () => {
  it('defaults to child', () => {
    expect(resolvePropagationMode(undefined, info)).toBe('child');
  });

  it('uses a fixed mode as given', () => {
    expect(resolvePropagationMode('link', info)).toBe('link');
    expect(resolvePropagationMode('child', info)).toBe('child');
  });

  it('asks a function per destination, with the destination info', () => {
    const perTopic = (i: DestinationInfo) => (i.destination === 'audit' ? 'link' : 'child');
    expect(resolvePropagationMode(perTopic, info)).toBe('link');
    expect(resolvePropagationMode(perTopic, { ...info, destination: 'orders' })).toBe('child');
  });

  it('falls back to child when the function throws or answers nonsense', () => {
    const throwing = () => {
      throw new Error('config bug');
    };
    expect(resolvePropagationMode(throwing, info)).toBe('child');
    expect(resolvePropagationMode((() => 'links') as never, info)).toBe('child');
    expect(resolvePropagationMode('sideways' as never, info)).toBe('child');
  });
});
