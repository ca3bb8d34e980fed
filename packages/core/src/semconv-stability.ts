import type { Attributes, AttributeValue } from '@opentelemetry/api';
import { SemconvStability, semconvStabilityFromStr } from '@opentelemetry/instrumentation';
import {
  MESSAGING_NAMES_V1_44,
  MESSAGING_NAMES_V1_45,
  type MessagingNames,
  type MessagingSystem,
  type RenamedAttribute,
} from './semconv.js';

/**
 * `OTEL_SEMCONV_STABILITY_OPT_IN`'s messaging values, as a config option: `'messaging'` emits the
 * v1.45 names only, `'messaging/dup'` both the v1.44 and the v1.45 names, `'default'` the v1.44
 * names msgtrace has always emitted.
 */
export type SemconvStabilityOptIn = 'default' | 'messaging' | 'messaging/dup';

/**
 * The names one instrumentation writes, resolved once when it is configured: `names` always,
 * and in `messaging/dup` the v1.44 names in `duplicate` beside them. Per message, writing a
 * renamed attribute costs one extra branch, and nothing else, unless duplication was asked for.
 */
export interface MessagingSemconv {
  readonly names: MessagingNames;
  readonly duplicate: MessagingNames | undefined;
}

/** v1.44 names: the default. */
export const SEMCONV_V1_44: MessagingSemconv = Object.freeze({
  names: MESSAGING_NAMES_V1_44,
  duplicate: undefined,
});
const SEMCONV_V1_45: MessagingSemconv = Object.freeze({
  names: MESSAGING_NAMES_V1_45,
  duplicate: undefined,
});
const SEMCONV_BOTH: MessagingSemconv = Object.freeze({
  names: MESSAGING_NAMES_V1_45,
  duplicate: MESSAGING_NAMES_V1_44,
});

/**
 * The names an instrumentation emits: from its `semconvStabilityOptIn` option when set, else from
 * `OTEL_SEMCONV_STABILITY_OPT_IN` (comma-separated; `messaging/dup` wins over `messaging`, as the
 * conventions say; other domains' values are someone else's).
 */
export function messagingSemconv(
  optIn?: SemconvStabilityOptIn,
  env: NodeJS.ProcessEnv = process.env,
): MessagingSemconv {
  const stability =
    optIn === undefined
      ? semconvStabilityFromStr('messaging', env.OTEL_SEMCONV_STABILITY_OPT_IN)
      : optIn === 'messaging/dup'
        ? SemconvStability.DUPLICATE
        : optIn === 'messaging'
          ? SemconvStability.STABLE
          : SemconvStability.OLD;
  if (stability === SemconvStability.DUPLICATE) return SEMCONV_BOTH;
  return stability === SemconvStability.STABLE ? SEMCONV_V1_45 : SEMCONV_V1_44;
}

/** Writes the system attribute (`messaging.system` and / or `messaging.system.name`). */
export function setSystemAttribute(
  attributes: Attributes,
  semconv: MessagingSemconv,
  system: MessagingSystem,
): void {
  attributes[semconv.names.system] = semconv.names.systemValues[system];
  const { duplicate } = semconv;
  if (duplicate) attributes[duplicate.system] = duplicate.systemValues[system];
}

/** Writes an attribute v1.45 renamed, under the name(s) the instrumentation emits. */
export function setRenamedAttribute(
  attributes: Attributes,
  semconv: MessagingSemconv,
  attribute: RenamedAttribute,
  value: AttributeValue,
): void {
  attributes[semconv.names[attribute]] = value;
  const { duplicate } = semconv;
  if (duplicate) attributes[duplicate[attribute]] = value;
}
