import { type Context, createContextKey } from '@opentelemetry/api';
import { ValueContext } from './value-context.js';

/**
 * The pathway a message travels: which hops it took since its pipeline began (a stable hash),
 * how many, and when the pipeline began. It rides in every message's carrier, sampled or not.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export interface Pathway {
  /** 16 lowercase hex digits: FNV-1a 64 chained over the hops (see {@link pathwayHash}). */
  readonly id: string;
  /** Hops taken, 1 for a message produced outside any pathway. */
  readonly hops: number;
  /** When the pipeline began (the first produce), epoch milliseconds. */
  readonly startMs: number;
  /** `startMs` in base 36 as it travels, kept so a hop that continues it need not format it. */
  readonly startText: string;
}

/**
 * A pathway as a consumer holds it: decoded, or the carrier's text not decoded yet. Without a
 * MeterProvider nothing needs a consumed message's pathway unless the work produces under it, so
 * consumers keep the text and {@link pathwayOf} decodes it when something is produced (text
 * that is not a pathway then means none, as it would have on receipt).
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export type PathwayRef = Pathway | string;

/**
 * The carrier field (Kafka and AMQP header, SQS message attribute, member of the Kinesis body's
 * context object) holding a pathway: `<id>.<hops>.<start ms in base 36>`, 27 bytes today.
 */
export const PATHWAY_FIELD = 'msgtrace-pw';

/** Loops (retry topics) would grow a pathway forever; past this it starts over. */
export const MAX_PATHWAY_HOPS = 255;

const ID_LENGTH = 16;
// Base 36 of 2^53 is 11 digits: anything longer is not a time we wrote.
const MAX_START_DIGITS = 11;

/** The text a pathway travels as, from its id and hops (cached per hop) and its start. */
export function encodePathway(id: string, hops: number, startMs: number): string {
  return `${id}.${hops}.${startMs.toString(36)}`;
}

/** The text a carrier's getter gave for the pathway field (the first of repeated values). */
export function pathwayText(value: unknown): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' ? text : undefined;
}

function isLowerHex(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 102);
}

/** A base-36 digit's value (0-9, a-z), or -1. */
function base36(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 87;
  return -1;
}

/**
 * The pathway a carrier value holds, or undefined for anything that is not exactly what
 * {@link encodePathway} writes: broker input is untrusted, and garbage means "no pathway" (the
 * message then starts a new one downstream), never an exception.
 */
export function decodePathway(value: unknown): Pathway | undefined {
  const text = pathwayText(value);
  if (text === undefined) return undefined;
  const length = text.length;
  if (length < ID_LENGTH + 4 || length > ID_LENGTH + 5 + MAX_START_DIGITS) return undefined;
  for (let i = 0; i < ID_LENGTH; i++) if (!isLowerHex(text.charCodeAt(i))) return undefined;
  if (text.charCodeAt(ID_LENGTH) !== 46) return undefined;
  let hops = 0;
  let i = ID_LENGTH + 1;
  for (; i < length && i < ID_LENGTH + 5; i++) {
    const code = text.charCodeAt(i);
    if (code === 46) break;
    if (code < 48 || code > 57) return undefined;
    hops = hops * 10 + (code - 48);
  }
  if (i === ID_LENGTH + 1 || i >= length - 1 || text.charCodeAt(i) !== 46) return undefined;
  if (hops < 1 || hops > MAX_PATHWAY_HOPS || text.charCodeAt(ID_LENGTH + 1) === 48) {
    return undefined;
  }
  if (length - i - 1 > MAX_START_DIGITS) return undefined;
  // Accumulated while validating: parseInt would scan the digits a second time.
  let startMs = 0;
  for (let j = i + 1; j < length; j++) {
    const digit = base36(text.charCodeAt(j));
    if (digit < 0) return undefined;
    startMs = startMs * 36 + digit;
  }
  if (!Number.isSafeInteger(startMs) || startMs <= 0) return undefined;
  return { id: text.slice(0, ID_LENGTH), hops, startMs, startText: text.slice(i + 1) };
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

/**
 * The id of the hop into `destination` (of `system`) produced by `service`, after the pathway
 * `parentId` ('' when the message starts one): FNV-1a 64 over the UTF-8 bytes of
 * `parentId \0 service \0 system \0 destination`, as 16 hex digits. Any host, any run, any
 * language computes the same id for the same path. Callers cache it per destination: BigInt
 * arithmetic is not for the per-message path.
 */
export function pathwayHash(
  parentId: string,
  service: string,
  system: string,
  destination: string,
): string {
  const bytes = Buffer.from(`${parentId}\0${service}\0${system}\0${destination}`, 'utf8');
  let hash = FNV_OFFSET;
  for (const byte of bytes) hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  return hash.toString(16).padStart(ID_LENGTH, '0');
}

const PATHWAY_KEY = createContextKey('msgtrace.pathway');

/**
 * The pathway of the message being processed in `ctx`, which a message produced in `ctx`
 * continues.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function pathwayOf(ctx: Context): Pathway | undefined {
  const held = ctx.getValue(PATHWAY_KEY) as PathwayRef | undefined;
  return typeof held === 'string' ? decodeHeld(held) : held;
}

// The last text decoded for a context: a relay produces once or more per message it consumed,
// and messages of one pathway started in the same millisecond carry the same text.
let lastText: string | undefined;
let lastDecoded: Pathway | undefined;

function decodeHeld(text: string): Pathway | undefined {
  if (text !== lastText) {
    lastDecoded = decodePathway(text);
    lastText = text;
  }
  return lastDecoded;
}

/**
 * `ctx` with `pathway` (decoded, or its carrier text) as the pathway of the message processed in
 * it.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function withPathway(ctx: Context, pathway: PathwayRef): Context {
  return ValueContext.of(ctx, PATHWAY_KEY, pathway);
}
