import { diag } from '@opentelemetry/api';
import { ParentBasedLinksSampler } from './links-sampler.js';
import type { Sampler } from './sampler-types.js';

/** The `OTEL_TRACES_SAMPLER` values msgtrace adds to the SDK's own. */
export const LINKS_SAMPLER_NAMES = [
  'parentbased_links_traceidratio',
  'parentbased_links_always_on',
  'parentbased_links_always_off',
] as const;

export type LinksSamplerName = (typeof LINKS_SAMPLER_NAMES)[number];

/** `OTEL_TRACES_SAMPLER_ARG` as the SDK reads it: a number in [0, 1], else 1 with a warning. */
function ratioFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.OTEL_TRACES_SAMPLER_ARG?.trim();
  if (!raw) return 1;
  const ratio = Number(raw);
  if (Number.isFinite(ratio) && ratio >= 0 && ratio <= 1) return ratio;
  diag.warn(`msgtrace: OTEL_TRACES_SAMPLER_ARG=${raw} is not a ratio in [0, 1]; using 1`);
  return 1;
}

/**
 * The link-aware sampler `OTEL_TRACES_SAMPLER` names, or undefined when it names none of ours
 * (the SDK then reads the variable itself, as usual).
 */
export function linksSamplerFromEnv(env: NodeJS.ProcessEnv = process.env): Sampler | undefined {
  const name = env.OTEL_TRACES_SAMPLER?.trim().toLowerCase();
  switch (name) {
    case 'parentbased_links_traceidratio':
      return new ParentBasedLinksSampler({ ratio: ratioFromEnv(env) });
    case 'parentbased_links_always_on':
      return new ParentBasedLinksSampler({ ratio: 1 });
    case 'parentbased_links_always_off':
      return new ParentBasedLinksSampler({ ratio: 0 });
    default:
      return undefined;
  }
}
