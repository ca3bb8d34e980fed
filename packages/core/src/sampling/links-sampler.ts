import {
  type Attributes,
  type Context,
  isSpanContextValid,
  type Link,
  type SpanContext,
  type SpanKind,
  TraceFlags,
  type TraceState,
  trace,
} from '@opentelemetry/api';
import { randomnessOf, readOtSampling, withOtSampling } from './ot-tracestate.js';
import type { Sampler, SamplingResult } from './sampler-types.js';
import { keptAt, thresholdFor } from './threshold.js';

// The SDK's SamplingDecision values.
const NOT_RECORD = 0;
const RECORD_AND_SAMPLED = 2;

const DROP: SamplingResult = Object.freeze({ decision: NOT_RECORD });
const KEEP: SamplingResult = Object.freeze({ decision: RECORD_AND_SAMPLED });

/** How {@link ParentBasedLinksSampler} decides for a root span that has no (valid) link. */
export interface ParentBasedLinksSamplerOptions {
  /**
   * Probability, in [0, 1], of keeping a root span without links, decided consistently from the
   * trace's randomness (the trace id's low 56 bits) and recorded as `ot=th:…` so that
   * downstream samplers know the adjusted count. Default 1 (keep every such root).
   */
  ratio?: number;
  /**
   * A sampler of your own for roots without links (e.g. one built with
   * `@opentelemetry/sampler-composite`); replaces `ratio` when given.
   */
  root?: Sampler;
}

/** A valid parent decides: its sampled flag is followed and its `tracestate` inherited. */
function followParent(parent: SpanContext): SamplingResult {
  return (parent.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED ? KEEP : DROP;
}

/**
 * A root span with links (a link-mode `process` span, a batch or pull span): kept iff at least
 * one linked context is sampled. Its new trace carries, as `ot=rv:…`, the largest randomness of
 * its linked contexts, so that any consistent probability sampler downstream keeps it whenever it
 * keeps any of them, and drops it when it drops all of them. Undefined when no link is valid.
 */
function decideFromLinks(links: readonly Link[] | undefined): SamplingResult | undefined {
  if (!links || links.length === 0) return undefined;
  let randomness: string | undefined;
  let sampled = false;
  let valid = 0;
  let single: SpanContext | undefined;
  for (const link of links) {
    const linked = link?.context;
    if (!linked || !isSpanContextValid(linked)) continue;
    valid += 1;
    single = linked;
    const r = randomnessOf(linked.traceId, linked.traceState);
    if (randomness === undefined || r > randomness) randomness = r;
    if ((linked.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED) sampled = true;
  }
  if (randomness === undefined) return undefined;
  // With one link, keeping it is exactly a consistent decision at the linked trace's threshold
  // (same randomness, same threshold), so its `th` — its adjusted count — carries over. With
  // several, the probability of being kept is not any one threshold's: no `th`, i.e. "adjusted
  // count unknown" in the spec's terms.
  let threshold: string | undefined;
  if (sampled && valid === 1 && single) {
    const linkedThreshold = readOtSampling(single.traceState).threshold;
    if (linkedThreshold !== undefined && randomness >= linkedThreshold) threshold = linkedThreshold;
  }
  const traceState: TraceState = withOtSampling(
    undefined,
    threshold === undefined ? { randomness } : { threshold, randomness },
  );
  return { decision: sampled ? RECORD_AND_SAMPLED : NOT_RECORD, traceState };
}

/**
 * A sampler that keeps linked traces together. A span with a valid parent follows the parent
 * (as `parentbased_*` does); a root span with links is kept iff one of its linked contexts is
 * sampled, and its trace takes its randomness from them; any other root is kept at `ratio`,
 * consistently with the `ot` tracestate spec. Use it on producers and consumers alike.
 */
export class ParentBasedLinksSampler implements Sampler {
  private readonly threshold: string | undefined;
  private readonly keptRoot: SamplingResult;
  private readonly root: Sampler | undefined;
  private readonly description: string;

  constructor(options: ParentBasedLinksSamplerOptions = {}) {
    const ratio = options.ratio ?? 1;
    this.threshold = thresholdFor(ratio);
    this.root = options.root;
    // Every kept root of this sampler carries the same `ot=th:…`: built once.
    this.keptRoot =
      this.threshold === undefined
        ? DROP
        : Object.freeze({
            decision: RECORD_AND_SAMPLED,
            traceState: withOtSampling(undefined, { threshold: this.threshold }),
          });
    this.description = `ParentBasedLinksSampler{root=${
      options.root ? options.root.toString() : `ratio(${ratio})`
    }}`;
  }

  shouldSample(
    context: Context,
    traceId: string,
    spanName: string,
    spanKind: SpanKind,
    attributes: Attributes,
    links: Link[],
  ): SamplingResult {
    const parent = trace.getSpanContext(context);
    if (parent && isSpanContextValid(parent)) return followParent(parent);
    const linked = decideFromLinks(links);
    if (linked) return linked;
    if (this.root) {
      return this.root.shouldSample(context, traceId, spanName, spanKind, attributes, links);
    }
    return keptAt(traceId.slice(-14).toLowerCase(), this.threshold) ? this.keptRoot : DROP;
  }

  toString(): string {
    return this.description;
  }
}
