import { list, processWide } from '@msgtrace/core';
import { diag } from '@opentelemetry/api';

/** msgtrace's instrumentation names, as the environment switches spell them. */
export const MSGTRACE_INSTRUMENTATION_NAMES = [
  'kafkajs',
  'aws-sqs',
  'amqplib',
  'aws-kinesis',
  'confluent-kafka',
] as const;

export type MsgtraceInstrumentationName = (typeof MSGTRACE_INSTRUMENTATION_NAMES)[number];

const CONTRIB_PREFIX = '@opentelemetry/instrumentation-';

/**
 * Names in the `OTEL_NODE_*` lists that mean our instrumentations besides our own: the contrib
 * short names (`aws-sdk` covers every AWS client, so both of ours) and their package names, so an
 * environment written for `@opentelemetry/auto-instrumentations-node` governs msgtrace the same.
 */
const ALIASES: Readonly<Record<string, readonly MsgtraceInstrumentationName[]>> = {
  'aws-sdk': ['aws-sqs', 'aws-kinesis'],
  [`${CONTRIB_PREFIX}aws-sdk`]: ['aws-sqs', 'aws-kinesis'],
  [`${CONTRIB_PREFIX}kafkajs`]: ['kafkajs'],
  [`${CONTRIB_PREFIX}amqplib`]: ['amqplib'],
  ...Object.fromEntries(
    MSGTRACE_INSTRUMENTATION_NAMES.map((name) => [`@msgtrace/instrumentation-${name}`, [name]]),
  ),
};

/**
 * The other instrumentations of `@opentelemetry/auto-instrumentations-node`. They mean nothing to
 * msgtrace, but one list commonly governs both, so they are passed over without a warning; only
 * a name nobody knows (a typo such as `kafka`) is worth one.
 */
const OTHER_CONTRIB_NAMES: ReadonlySet<string> = new Set([
  'aws-lambda',
  'bunyan',
  'cassandra-driver',
  'connect',
  'cucumber',
  'dataloader',
  'dns',
  'express',
  'fs',
  'generic-pool',
  'graphql',
  'grpc',
  'hapi',
  'host-metrics',
  'http',
  'ioredis',
  'knex',
  'koa',
  'lru-memoizer',
  'memcached',
  'mongodb',
  'mongoose',
  'mysql',
  'mysql2',
  'nestjs-core',
  'net',
  'openai',
  'oracledb',
  'pg',
  'pino',
  'redis',
  'restify',
  'router',
  'runtime-node',
  'socket.io',
  'tedious',
  'undici',
  'winston',
]);

/** Our instrumentations that a name in an `OTEL_NODE_*` list stands for (none if not ours). */
export function instrumentationsNamed(name: string): readonly MsgtraceInstrumentationName[] {
  if ((MSGTRACE_INSTRUMENTATION_NAMES as readonly string[]).includes(name)) {
    return [name as MsgtraceInstrumentationName];
  }
  return Object.hasOwn(ALIASES, name) ? (ALIASES[name] ?? []) : [];
}

function isKnown(name: string): boolean {
  if (instrumentationsNamed(name).length > 0) return true;
  const short = name.startsWith(CONTRIB_PREFIX) ? name.slice(CONTRIB_PREFIX.length) : name;
  return OTHER_CONTRIB_NAMES.has(short);
}

const warned = processWide('msgtrace.instrumentation-names.warned', () => new Set<string>());

function warnUnknown(variable: string, names: Set<string>): void {
  for (const name of names) {
    if (isKnown(name) || warned.has(`${variable}=${name}`)) continue;
    warned.add(`${variable}=${name}`);
    diag.warn(
      `msgtrace: ${variable} names "${name}", which is no instrumentation we know; msgtrace's are ${[
        ...MSGTRACE_INSTRUMENTATION_NAMES,
        ...Object.keys(ALIASES),
      ].join(', ')}`,
    );
  }
}

/** Whether a comma-separated `OTEL_NODE_*` list names `name` itself or through an alias. */
function listNames(variable: string, env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const names = list(env[variable]);
  if (names.size === 0) return undefined;
  warnUnknown(variable, names);
  for (const listed of names) {
    if (listed === name || (instrumentationsNamed(listed) as readonly string[]).includes(name)) {
      return true;
    }
  }
  return false;
}

/**
 * How the `OTEL_NODE_ENABLED_INSTRUMENTATIONS` / `OTEL_NODE_DISABLED_INSTRUMENTATIONS` lists
 * leave one of our instrumentations, read the way the contrib auto-instrumentations read them:
 * when the enabled list is set, only what it names; minus what the disabled list names.
 */
export function enabledByOtelLists(name: string, env: NodeJS.ProcessEnv): boolean {
  if (listNames('OTEL_NODE_ENABLED_INSTRUMENTATIONS', env, name) === false) return false;
  return listNames('OTEL_NODE_DISABLED_INSTRUMENTATIONS', env, name) !== true;
}
