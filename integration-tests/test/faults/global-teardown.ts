import { summaryLine } from '../../src/faults/summary';

/** The suite's closing line, with every scenario's real counts. */
export default async function faultsTeardown(): Promise<void> {
  process.stdout.write(`\n${summaryLine()}\n`);
}
