/**
 * Placeholder demo until the pipeline lands: starts the brokers it needs and sends one message
 * through each, reading it back, so a fresh clone shows the ground works end to end.
 */
import { brokerEndpoints, ROUND_TRIPS, up } from '@msgtrace/brokers';

async function main(): Promise<void> {
  console.log('starting brokers (Docker when an engine answers, native otherwise)…');
  for (const r of await up()) {
    console.log(`  ${r.name.padEnd(8)} ${r.software}: ${r.state}`);
  }
  const endpoints = brokerEndpoints();
  console.log('\none message through each broker:');
  for (const [name, roundTrip] of Object.entries(ROUND_TRIPS)) {
    const started = process.hrtime.bigint();
    await roundTrip(endpoints);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`  ${name.padEnd(8)} sent and received in ${ms.toFixed(1)} ms`);
  }
  console.log('\nthe brokers keep running for the next run; stop them with: pnpm brokers down');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
