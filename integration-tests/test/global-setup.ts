import { up } from '@msgtrace/brokers';

/**
 * Makes sure every broker accepts work before any suite runs, starting what is missing. A broker
 * that cannot be had fails the whole run: these suites never skip.
 */
export default async function globalSetup(): Promise<void> {
  const reports = await up();
  for (const r of reports) {
    process.stdout.write(`  broker ${r.name}: ${r.software}, ${r.state}\n`);
  }
}
