/**
 * kafkajs 2.x on Node 23 and later: its request queue schedules a check with `setTimeout` at a
 * negative delay (`throttledUntil` starts at -1), and Node prints a TimeoutNegativeWarning. An
 * app without msgtrace prints it too; it is kafkajs's, not ours.
 */
const KAFKAJS_NEGATIVE_TIMEOUT =
  /\(node:\d+\) TimeoutNegativeWarning: -\d+ is a negative number\.\nTimeout duration was set to 1\.\n(?:\(Use `node --trace-warnings \.\.\.` to show where the warning was created\)\n)?/g;

/**
 * A child process's stderr without the warnings that client libraries themselves print on newer
 * Node versions (listed above, each proven to appear without msgtrace), so a test can still
 * demand that msgtrace wrote nothing.
 */
export function withoutLibraryWarnings(stderr: string): string {
  return stderr.replace(KAFKAJS_NEGATIVE_TIMEOUT, '');
}
