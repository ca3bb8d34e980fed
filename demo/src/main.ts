/**
 * `npm run demo`: brings up the brokers, runs a small order pipeline of separate processes
 * instrumented only by `@msgtrace/auto/register`, receives their spans over OTLP and draws each
 * trace as a waterfall, then the pathway table from the metrics they exported.
 *
 *   checkout ─Kafka─▶ fraud (eachBatch) ─SQS─▶ payments ─RabbitMQ─▶ notifier      child spans
 *   checkout ─Kinesis─▶ auditor                                                   links
 *
 * Options: `--orders N` (default 2), `--json FILE` (write the spans and the run as JSON),
 * `--keep-brokers` (leave brokers this run started running), `--kafka-client confluent` (the
 * Kafka hop through @confluentinc/kafka-javascript's KafkaJS API instead of kafkajs). MSGTRACE_DEMO_FORWARD_TO passes
 * every trace on to another OTLP/HTTP endpoint, e.g. Jaeger's http://localhost:4318.
 */
import { writeFileSync } from 'node:fs';
import { type BrokerName, brokerEndpoints, down, up } from '@msgtrace/brokers';
import { OtlpReceiver } from '@msgtrace/test-utils';
import { parseArgs } from './args.js';
import { pathwayRows, renderPathways } from './pathways.js';
import { summarize, terminalStyle, withoutEmptyPolls } from './report.js';
import { createResources, type DemoResources, deleteResources } from './resources.js';
import { runServices } from './services.js';
import { renderWaterfall } from './waterfall.js';

// Expected notices that would drown the waterfall: the AWS SDK's Node 22 notice on Node 20 and
// kafkajs's partitioner notice. Set them yourself to see them again.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const startedAt = Date.now();
  console.log('brokers (Docker when an engine answers, native otherwise):');
  const reports = await up();
  for (const r of reports) console.log(`  ${r.name.padEnd(8)} ${r.software}: ${r.state}`);
  const startedHere: BrokerName[] = reports.filter((r) => r.state === 'started').map((r) => r.name);
  const endpoints = brokerEndpoints();
  const forwardTo = process.env.MSGTRACE_DEMO_FORWARD_TO?.trim();
  const receiver = await OtlpReceiver.start({
    ...(forwardTo
      ? {
          forwardTo,
          onForwardError: (error) =>
            console.warn(`could not forward traces to ${forwardTo}: ${String(error)}`),
        }
      : {}),
  });
  const run = `${Date.now().toString(36)}-${process.pid.toString(36)}`;
  let resources: DemoResources | undefined;
  try {
    resources = await createResources(endpoints, run);
    console.log(
      `\nrun ${run}: ${args.orders} orders through five services (Kafka through ${args.kafkaClient})…`,
    );
    const results = await runServices({
      resources,
      otlpEndpoint: receiver.url,
      orderCount: args.orders,
      timeoutMs: args.timeoutMs,
      kafkaClient: args.kafkaClient,
    });
    const spans = receiver.spans();
    const failed = results.filter((r) => r.code !== 0);
    for (const r of failed)
      console.error(`\n${r.name} ended with ${r.signal ?? `code ${r.code}`}:\n${r.output}`);
    console.log('');
    const drawn = withoutEmptyPolls(spans);
    const style = terminalStyle(process.stdout.isTTY);
    for (const line of renderWaterfall(drawn, { style })) console.log(line);
    if (drawn.length < spans.length) {
      console.log(
        `(${spans.length - drawn.length} receive spans of polls that returned nothing not drawn)`,
      );
    }
    const pathways = pathwayRows(receiver.metrics());
    console.log('');
    for (const line of renderPathways(pathways)) console.log(line);
    console.log('');
    for (const line of summarize(spans, results, Date.now() - startedAt)) console.log(line);
    if (forwardTo)
      console.log(`traces forwarded to ${forwardTo} (Jaeger UI: http://localhost:16686)`);
    if (args.json) {
      writeFileSync(
        args.json,
        `${JSON.stringify({ run, resources, services: results, spans, pathways }, null, 2)}\n`,
      );
      console.log(`spans written to ${args.json}`);
    }
    return failed.length === 0 ? 0 : 1;
  } finally {
    await receiver.close();
    if (resources) await deleteResources(endpoints, resources);
    if (startedHere.length > 0 && !args.keepBrokers) {
      const stopped = await down(startedHere);
      console.log(`stopped what this run started: ${stopped.join(', ')}`);
    }
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
