import { Random } from './random';

/**
 * Generated hostile carriers (issue 18): trace context values that are valid, near-valid,
 * invalid, binary or huge, under the keys a propagator reads and a few it does not, in every
 * shape each broker's client accepts. A value the JSON file cannot hold as it is (a Buffer)
 * travels as `{ "$b64": … }`; the fixtures decode it.
 */
export type Encoded =
  | string
  | number
  | boolean
  | null
  | { $b64: string }
  | Encoded[]
  | { [k: string]: Encoded };

const b64 = (buffer: Buffer): Encoded => ({ $b64: buffer.toString('base64') });

/** A traceparent value: valid, or one small step from valid, or nothing like one. */
export function traceparentValue(random: Random): string {
  const trace = random.hex(32);
  const span = random.hex(16);
  return random.pick([
    () => `00-${trace}-${span}-01`,
    () => `00-${trace}-${span}-00`,
    () => `ff-${trace}-${span}-01`,
    () => `00-${trace.toUpperCase()}-${span}-01`,
    () => `00-${'0'.repeat(32)}-${span}-01`,
    () => `00-${trace}-${'0'.repeat(16)}-01`,
    () => `00-${trace.slice(1)}-${span}-01`,
    () => `00-${trace}-${span}-01-extra`,
    () => `01-${trace}-${span}-01-future`,
    () => `00-${trace}-${span}-zz`,
    () => ` 00-${trace}-${span}-01 `,
    () => `00_${trace}_${span}_01`,
    () => `00-${trace}-${span}`,
    () => '',
    () => random.text(1 + random.int(80)),
    () => `00-${'a'.repeat(65_536)}`,
  ])();
}

function tracestateValue(random: Random): string {
  return random.pick([
    () => `vendor=${random.hex(8)}`,
    () => `ot=th:8;rv:${random.hex(14)},dd=s:1`,
    () => Array.from({ length: 40 }, (_, i) => `k${i}=v${i}`).join(','),
    () => `=,,==${random.text(20)}`,
    () => `k=${'v'.repeat(65_536)}`,
    () => random.text(1 + random.int(60)),
  ])();
}

function baggageValue(random: Random): string {
  return random.pick([
    () => `user=${random.hex(6)}`,
    () => '%%%;;;===',
    () => `k=${'b'.repeat(65_536)}`,
    () => `${random.text(30)}=${random.text(30)};p`,
    () => Array.from({ length: 200 }, (_, i) => `k${i}=v`).join(','),
  ])();
}

const CONTEXT_KEYS = ['traceparent', 'tracestate', 'baggage'] as const;

function contextValue(random: Random, key: string): string {
  if (key === 'tracestate') return tracestateValue(random);
  if (key === 'baggage') return baggageValue(random);
  return traceparentValue(random);
}

function headerKey(random: Random): string {
  return random.pick([
    ...CONTEXT_KEYS,
    ...CONTEXT_KEYS,
    'TraceParent',
    'TRACESTATE',
    'x-other',
    random.text(8),
  ]);
}

/** kafkajs header values: a string, a Buffer, or an array of them. */
function kafkaHeaderValue(random: Random, key: string): Encoded {
  const one = (): Encoded =>
    random.pick([
      () => contextValue(random, key.toLowerCase()),
      () => b64(Buffer.from(contextValue(random, key.toLowerCase()))),
      () => b64(random.bytes(random.int(64))),
    ])();
  return random.int(4) === 0 ? [one(), one()] : one();
}

/**
 * amqplib field-table values: every type it encodes. amqplib refuses a headers table over 64 KiB
 * (its encoding buffer), so strings are cut to 12 KiB: four of them still fit.
 */
function amqpHeaderValue(random: Random, key: string, depth = 0): Encoded {
  const context = () => contextValue(random, key.toLowerCase()).slice(0, 12_288);
  const pickers: (() => Encoded)[] = [
    context,
    context,
    () => random.pick([0, -1, 2 ** 31, 2 ** 53 - 1, 1.5, -0.25]),
    () => random.int(2) === 0,
    () => null,
    () => b64(random.bytes(random.int(64))),
  ];
  if (depth === 0) {
    pickers.push(() => [amqpHeaderValue(random, key, 1), amqpHeaderValue(random, key, 1)]);
    pickers.push(() => ({ traceparent: amqpHeaderValue(random, 'traceparent', 1) }));
  }
  return random.pick(pickers)();
}

export interface HeaderCarrier {
  body: Encoded;
  headers: Record<string, Encoded>;
}

function headerCarriers(
  random: Random,
  count: number,
  value: (random: Random, key: string) => Encoded,
): HeaderCarrier[] {
  return Array.from({ length: count }, (_, i) => {
    const headers: Record<string, Encoded> = {};
    for (let n = random.int(4); n >= 0; n--) {
      const key = headerKey(random);
      headers[key] = value(random, key);
    }
    return { body: b64(Buffer.concat([Buffer.from(`corpus ${i} `), random.bytes(8)])), headers };
  });
}

export const kafkaCorpus = (seed: number, count: number) =>
  headerCarriers(new Random(seed), count, kafkaHeaderValue);

export const amqpCorpus = (seed: number, count: number) =>
  headerCarriers(new Random(seed), count, amqpHeaderValue);

export interface SqsCarrier {
  body: string;
  attributes: Record<string, { DataType: string; StringValue?: string; BinaryValue?: Encoded }>;
  awsTraceHeader?: string;
}

/** SQS: attributes of every DataType (custom ones too), at most 10, and `AWSTraceHeader`. */
export function sqsCorpus(seed: number, count: number): SqsCarrier[] {
  const random = new Random(seed);
  return Array.from({ length: count }, (_, i) => {
    const attributes: SqsCarrier['attributes'] = {};
    for (let n = random.int(10); n > 0; n--) {
      const name = random.pick([...CONTEXT_KEYS, 'X-Amzn-Trace-Id', `attr${random.int(100)}`]);
      const type = random.pick([
        'String',
        'Number',
        'Binary',
        'String.json',
        'Number.int',
        'Binary.gz',
      ]);
      attributes[name] = type.startsWith('Binary')
        ? { DataType: type, BinaryValue: b64(random.bytes(1 + random.int(64))) }
        : type.startsWith('Number')
          ? {
              DataType: type,
              StringValue: random.pick(['0', '-1.5', '1e10', '12345678901234567890']),
            }
          : { DataType: type, StringValue: contextValue(random, name) || 'x' };
    }
    const awsTraceHeader = random.pick([
      undefined,
      `Root=1-${random.hex(8)}-${random.hex(24)};Parent=${random.hex(16)};Sampled=1`,
      `Root=1-zz;Parent=;Sampled=7`,
      random.text(40),
    ]);
    return {
      body: `corpus ${i} ${random.text(random.int(200))}`,
      attributes,
      ...(awsTraceHeader ? { awsTraceHeader } : {}),
    };
  });
}

export interface KinesisCarrier {
  data: Encoded;
  /** Every body the application may be handed: the record as written, or with our member stripped. */
  allowed: Encoded[];
}

const KINESIS_LIMIT = 1_048_576;

/** Kinesis bodies with our key duplicated, escaped, nested, of the wrong type, at the size limit. */
export function kinesisCorpus(seed: number, count: number): KinesisCarrier[] {
  const random = new Random(seed);
  const ours = () => `{"traceparent":"${traceparentValue(random).replace(/[\\"]/g, '')}"}`;
  const rest = () => `"n":${random.int(1000)},"big":12345678901234567890}`;
  const kinds: (() => { data: string | Buffer; allowed: (string | Buffer)[] })[] = [
    () => {
      const tail = rest();
      return { data: `{"_msgtrace":${ours()},${tail}`, allowed: [`{${tail}`] };
    },
    () => {
      const tail = rest();
      const second = `"_msgtrace":${ours()},${tail}`;
      const data = `{"_msgtrace":${ours()},${second}`;
      return { data, allowed: [data, `{${second}`] };
    },
    () => ({ data: `{"\\u005fmsgtrace":${ours()},${rest()}`, allowed: [] }),
    () => ({ data: `{"a":{"_msgtrace":${ours()}},${rest()}`, allowed: [] }),
    () => ({ data: `[{"_msgtrace":${ours()}}]`, allowed: [] }),
    () => {
      const value = random.pick([
        '"x"',
        '7',
        'null',
        'true',
        '[]',
        `"${traceparentValue(random).slice(0, 80)}"`,
      ]);
      return { data: `{"_msgtrace":${value.replace(/\\/g, '')},${rest()}`, allowed: [] };
    },
    () => ({ data: `{ "_msgtrace" : ${ours()} , ${rest()}`, allowed: [] }),
    () => {
      const tail = `"s":"${'x'.repeat(70_000)}"}`;
      const data = `{"_msgtrace":{"traceparent":"00-${random.hex(32)}-${random.hex(16)}-01","tracestate":"${'t'.repeat(8000)}"},${tail}`;
      return { data, allowed: [data, `{${tail}`] };
    },
    () => ({
      data: Buffer.concat([random.bytes(16), Buffer.from(`{"_msgtrace":${ours()}}`)]),
      allowed: [],
    }),
    () => ({ data: `{"_msgtrace":${ours()}`, allowed: [] }),
  ];
  const atLimit = (withKey: boolean) => {
    const head = withKey ? `{"_msgtrace":${ours()},"pad":"` : '{"pad":"';
    // Partition key `p` plus the body: exactly the record limit.
    const pad = 'p'.repeat(KINESIS_LIMIT - 1 - head.length - 2);
    const data = `${head}${pad}"}`;
    return { data, allowed: withKey ? [data, `{"pad":"${pad}"}`] : [] };
  };
  return Array.from({ length: count }, (_, i) => {
    const { data, allowed } = i < 2 ? atLimit(i === 0) : random.pick(kinds)();
    const enc = (d: string | Buffer) => b64(Buffer.from(d));
    return { data: enc(data), allowed: [enc(data), ...allowed.map(enc)] };
  });
}
