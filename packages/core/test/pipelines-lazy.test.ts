import { describe, expect, it } from '@jest/globals';
import { ROOT_CONTEXT } from '@opentelemetry/api';
import {
  encodePathway,
  PATHWAY_FIELD,
  pathwayHash,
  pathwayOf,
  withPathway,
} from '../src/pipelines/pathway';
import { Pipelines } from '../src/pipelines/pipelines';
import { StartText } from '../src/pipelines/start-text';
import { SEMCONV_V1_44 } from '../src/semconv-stability';

const getter = {
  keys: (carrier: Record<string, unknown>) => Object.keys(carrier),
  get: (carrier: Record<string, unknown>, key: string) => carrier[key] as string | undefined,
};

describe('StartText', () => {
  it('formats exactly as Number#toString(36), across digit and high-part changes', () => {
    const text = new StartText();
    const samples = [
      1,
      35,
      36,
      1_679_615,
      1_679_616,
      1_679_617,
      1_764_000_000_000,
      1_764_000_000_001,
      1_764_001_679_615,
      1_764_001_679_616,
      4_102_444_800_000,
      Number.MAX_SAFE_INTEGER,
      12.5,
    ];
    for (let ms = 1_764_000_000_000; ms < 1_764_000_100_000; ms += 37) samples.push(ms);
    for (const ms of samples) expect(text.of(ms)).toBe(ms.toString(36));
    // Within a millisecond the same text comes back.
    expect(text.of(1_764_000_000_000)).toBe(text.of(1_764_000_000_000));
  });
});

describe('pathways carried as text without a meter', () => {
  const quiet = () => new Pipelines(undefined, { serviceName: 'svc' }, SEMCONV_V1_44);

  it('hands back the carrier text and continues it when something is produced', () => {
    const value = encodePathway('00000000000000aa', 2, 5_000);
    const held = quiet().incomingFrom({ [PATHWAY_FIELD]: value }, getter, 'kafka', 't');
    expect(held).toBe(value);
    const ctx = withPathway(ROOT_CONTEXT, held ?? '');
    expect(pathwayOf(ctx)).toEqual({
      id: '00000000000000aa',
      hops: 2,
      startMs: 5_000,
      startText: (5_000).toString(36),
    });
    expect(quiet().outgoing('rabbitmq', 'q', 1, ctx)).toBe(
      encodePathway(pathwayHash('00000000000000aa', 'svc', 'rabbitmq', 'q'), 3, 5_000),
    );
  });

  it('treats garbage text as no pathway when it is used: what is produced starts a new one', () => {
    for (const garbage of ['not-a-pathway', '0123456789ABCDEF.1.abc', '', '0'.repeat(40)]) {
      const ctx = withPathway(ROOT_CONTEXT, garbage);
      expect(pathwayOf(ctx)).toBeUndefined();
      const before = Date.now();
      const value = quiet().outgoing('kafka', 't', 1, ctx);
      const [id, hops, start] = value.split('.');
      expect(id).toBe(pathwayHash('', 'svc', 'kafka', 't'));
      expect(hops).toBe('1');
      expect(Number.parseInt(start ?? '', 36)).toBeGreaterThanOrEqual(before);
    }
  });

  it('reads the first of repeated values, and nothing from non-text values', () => {
    const value = encodePathway('00000000000000ab', 1, 7_000);
    const multi = { get: () => [value, 'x'], keys: () => [] };
    expect(quiet().read({}, multi)).toBe(value);
    const binary = { get: () => undefined, keys: () => [] };
    expect(quiet().read({}, binary)).toBeUndefined();
  });

  it('reuses one carrier value per edge and start', () => {
    const pipelines = quiet();
    const ctx = withPathway(ROOT_CONTEXT, encodePathway('00000000000000ac', 1, 9_000));
    const first = pipelines.outgoing('kafka', 'reused', 1, ctx);
    expect(pipelines.outgoing('kafka', 'reused', 1, ctx)).toBe(first);
    expect(first).toBe(
      encodePathway(pathwayHash('00000000000000ac', 'svc', 'kafka', 'reused'), 2, 9_000),
    );
  });
});
