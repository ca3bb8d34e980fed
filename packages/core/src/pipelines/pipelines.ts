import {
  type Attributes,
  type Context,
  context,
  diag,
  type Meter,
  type TextMapGetter,
} from '@opentelemetry/api';
import { processWide } from '../process-wide.js';
import { ATTR_MESSAGING_DESTINATION_NAME, type MessagingSystem } from '../semconv.js';
import { type MessagingSemconv, setSystemAttribute } from '../semconv-stability.js';
import { DEFAULT_MAX_PATHWAYS, type PipelinesConfig, serviceNameFromEnv } from './config.js';
import { PathwayMetrics } from './metrics.js';
import {
  decodePathway,
  MAX_PATHWAY_HOPS,
  PATHWAY_FIELD,
  type Pathway,
  type PathwayRef,
  pathwayHash,
  pathwayOf,
  pathwayText,
} from './pathway.js';
import { StartText } from './start-text.js';

/** The pathway's id (16 hex digits, or `overflow` past the cap), its hops and its parent's id. */
export const ATTR_MSGTRACE_PATHWAY_ID = 'msgtrace.pathway.id';
export const ATTR_MSGTRACE_PATHWAY_HOPS = 'msgtrace.pathway.hops';
export const ATTR_MSGTRACE_PATHWAY_PARENT_ID = 'msgtrace.pathway.parent.id';

/** The id metrics carry for pathways past the cap. */
export const OVERFLOW_PATHWAY_ID = 'overflow';

/** One hop into a destination after a given path, everything about it computed once. */
interface Edge {
  system: MessagingSystem;
  hops: number;
  /** `<id>.<hops>.`: a message's carrier value is this and its pathway's start. */
  prefix: string;
  /** What the produced counter records it with (undefined while metrics are off). */
  attributes: Attributes | undefined;
  /** The last start produced on it and its carrier value: messages of a millisecond share it. */
  lastStart: string;
  lastValue: string;
}

interface PathwayRegistry {
  ids: Set<string>;
  warned: boolean;
}

// The cap is per process, whichever instrumentation (or copy of core) met a pathway first.
function registry(): PathwayRegistry {
  return processWide('msgtrace.pipelines.pathways', () => ({ ids: new Set(), warned: false }));
}

const NO_PARENT = '';

/** The pathway a message produced in `ctx` continues: none past the hop cap (a loop). */
function continued(ctx: Context): Pathway | undefined {
  const parent = pathwayOf(ctx);
  return parent && parent.hops < MAX_PATHWAY_HOPS ? parent : undefined;
}

/**
 * Pathways for one instrumentation: what a produced message carries and what a consumed one
 * records. Per message it costs map lookups and a short string; hashes are computed once per
 * edge (path so far + destination) and cached, up to the cap.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export class Pipelines {
  private readonly metrics: PathwayMetrics | undefined;
  private readonly service: string;
  private readonly maxPathways: number;
  private readonly edges = new Map<string, Map<string, Edge>>();
  private edgeCount = 0;
  private readonly consumedAttributes = new Map<string, Map<string, Attributes>>();
  // Formatting a time in base 36 costs more than the rest of a produce: see StartText.
  private readonly startText = new StartText();

  /** `meter` undefined: carry pathways, record nothing (no MeterProvider). */
  constructor(
    meter: Meter | undefined,
    config: PipelinesConfig,
    private readonly semconv: MessagingSemconv,
  ) {
    this.metrics = meter ? new PathwayMetrics(meter) : undefined;
    this.service = config.serviceName || serviceNameFromEnv();
    const max = config.maxPathways;
    this.maxPathways =
      typeof max === 'number' && Number.isInteger(max) && max >= 0 ? max : DEFAULT_MAX_PATHWAYS;
  }

  /**
   * The carrier value for `count` messages produced now into `destination`: the pathway of the
   * message being processed in `ctx`, one hop longer, or a new one starting now. Counts them on
   * the edge.
   */
  outgoing(
    system: MessagingSystem,
    destination: string,
    count: number,
    ctx = context.active(),
  ): string {
    const parent = continued(ctx);
    const edge = this.edge(parent, system, destination);
    if (edge.attributes && count > 0) this.metrics?.recordProduced(count, edge.attributes);
    const start = parent ? parent.startText : this.startText.of(Date.now());
    // One string per edge and start, not a concatenation per message.
    if (start !== edge.lastStart) {
      edge.lastStart = start;
      edge.lastValue = edge.prefix + start;
    }
    return edge.lastValue;
  }

  /**
   * Counts messages on the edge {@link Pipelines.outgoing} gave their value for (with a count of
   * 0), once the carrier said how many actually carry it: SQS's attribute budget or Kinesis's
   * non-JSON records may leave it out, and a message without it is never counted as consumed.
   */
  countProduced(
    system: MessagingSystem,
    destination: string,
    count: number,
    ctx = context.active(),
  ): void {
    if (!this.metrics || count <= 0) return;
    const { attributes } = this.edge(continued(ctx), system, destination);
    if (attributes) this.metrics.recordProduced(count, attributes);
  }

  /**
   * The pathway a consumed message carries (`value`, as its carrier's getter read it), recording
   * its end-to-end latency and counting it on its edge; undefined for no or garbage pathway data.
   */
  incoming(
    value: unknown,
    system: MessagingSystem,
    destination: string,
    nowMs = Date.now(),
  ): Pathway | undefined {
    const pathway = decodePathway(value);
    if (pathway && this.metrics) {
      this.metrics.recordConsumed(
        (nowMs - pathway.startMs) / 1000,
        this.consumedAttributesOf(pathway, system, destination),
      );
    }
    return pathway;
  }

  /**
   * {@link Pipelines.incoming} for the pathway field of a message's carrier (headers,
   * attributes). Without metrics nothing is recorded, and the field's text is returned undecoded
   * (a {@link PathwayRef}): it is decoded only if something is produced under it.
   */
  incomingFrom<Carrier>(
    carrier: Carrier | undefined,
    getter: TextMapGetter<Carrier>,
    system: MessagingSystem,
    destination: string,
  ): PathwayRef | undefined {
    if (!carrier) return undefined;
    const value = getter.get(carrier, PATHWAY_FIELD);
    if (!this.metrics) return pathwayText(value);
    return this.incoming(value, system, destination);
  }

  /**
   * The pathway in a carrier, not recorded: for a message whose receive already recorded it.
   * Its text, undecoded (see {@link Pipelines.incomingFrom}).
   */
  read<Carrier>(
    carrier: Carrier | undefined,
    getter: TextMapGetter<Carrier>,
  ): PathwayRef | undefined {
    return carrier ? pathwayText(getter.get(carrier, PATHWAY_FIELD)) : undefined;
  }

  private edge(parent: Pathway | undefined, system: MessagingSystem, destination: string): Edge {
    const parentId = parent ? parent.id : NO_PARENT;
    let byDestination = this.edges.get(parentId);
    const cached = byDestination?.get(destination);
    if (cached && cached.system === system) return cached;
    const id = pathwayHash(parentId, this.service, system, destination);
    const hops = parent ? parent.hops + 1 : 1;
    const edge: Edge = {
      system,
      hops,
      prefix: `${id}.${hops}.`,
      attributes: this.metrics
        ? this.attributes(this.admit(id), hops, system, destination, parentId)
        : undefined,
      lastStart: '',
      lastValue: '',
    };
    // Past the cap the edge is hashed per call: slow, but a process meeting that many pathways
    // has a naming problem the warning tells of, and memory stays bounded.
    if (this.edgeCount < this.maxPathways * 2) {
      if (!byDestination) {
        byDestination = new Map();
        this.edges.set(parentId, byDestination);
      }
      byDestination.set(destination, edge);
      this.edgeCount++;
    }
    return edge;
  }

  private consumedAttributesOf(
    pathway: Pathway,
    system: MessagingSystem,
    destination: string,
  ): Attributes {
    let byId = this.consumedAttributes.get(destination);
    if (!byId) {
      byId = new Map();
      this.consumedAttributes.set(destination, byId);
    }
    const cached = byId.get(pathway.id);
    if (cached) return cached;
    const id = this.admit(pathway.id);
    const folded = id === OVERFLOW_PATHWAY_ID ? byId.get(OVERFLOW_PATHWAY_ID) : undefined;
    if (folded) return folded;
    const attributes = this.attributes(id, pathway.hops, system, destination, NO_PARENT);
    byId.set(id, attributes);
    return attributes;
  }

  private attributes(
    id: string,
    hops: number,
    system: MessagingSystem,
    destination: string,
    parentId: string,
  ): Attributes {
    const attributes: Attributes = {
      [ATTR_MSGTRACE_PATHWAY_ID]: id,
      [ATTR_MESSAGING_DESTINATION_NAME]: destination,
    };
    setSystemAttribute(attributes, this.semconv, system);
    if (id !== OVERFLOW_PATHWAY_ID) {
      attributes[ATTR_MSGTRACE_PATHWAY_HOPS] = hops;
      if (parentId) attributes[ATTR_MSGTRACE_PATHWAY_PARENT_ID] = parentId;
    }
    return attributes;
  }

  /** `id` if this process may record it, else the overflow id (warning once per process). */
  private admit(id: string): string {
    const known = registry();
    if (known.ids.has(id)) return id;
    if (known.ids.size < this.maxPathways) {
      known.ids.add(id);
      return id;
    }
    if (!known.warned) {
      known.warned = true;
      diag.warn(
        `msgtrace: more than ${this.maxPathways} distinct pathways in this process; further ones are recorded as msgtrace.pathway.id=${OVERFLOW_PATHWAY_ID} (see docs/pipelines.md)`,
      );
    }
    return OVERFLOW_PATHWAY_ID;
  }
}
