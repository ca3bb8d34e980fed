import { clearTallies } from '../../src/faults/summary';
import globalSetup from '../global-setup';

/** The shared brokers up (the scenarios' proxies sit in front of them), and a fresh tally. */
export default async function faultsSetup(): Promise<void> {
  clearTallies();
  await globalSetup();
}
