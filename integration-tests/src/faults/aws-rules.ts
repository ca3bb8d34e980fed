import type { ProxiedRequest, ProxyAction } from './proxies';

/**
 * The fault proxy's rule for the SQS and Kinesis workloads (`faulty` scenario): the request
 * carrying `cut-after` reaches the broker and its answer is cut (the SDK's retry sends it again:
 * a duplicate the broker keeps), `cut-before` is cut before it reaches the broker, the first
 * read is cut after the broker answered (SQS: the messages it took stay invisible until their
 * timeout; Kinesis: the same iterator reads them again), `rejectMarker` is refused for good,
 * and every fourth request in between is throttled or fails with a 500 (the SDK retries both).
 */
export function faultyAwsRule(options: {
  read: string;
  rejectMarker: string;
  rejectType: string;
  throttleType: string;
  serverType: string;
}): (request: ProxiedRequest) => ProxyAction {
  const once = new Set<string>();
  const first = (key: string) => !once.has(key) && once.add(key) !== undefined;
  let counted = 0;
  return ({ operation, body }) => {
    if (operation.startsWith('Create') || operation.startsWith('Delete')) {
      if (operation !== 'DeleteMessage') return 'pass';
    }
    if (body.includes(options.rejectMarker)) {
      return { status: 400, type: options.rejectType, message: 'refused by the fault proxy' };
    }
    if (body.includes('"cut-after"') && first('cut-after')) return 'cut-after';
    if (body.includes('"cut-before"') && first('cut-before')) return 'cut-before';
    if (operation === options.read && first('read')) return 'cut-after';
    counted += 1;
    if (counted % 8 === 4) {
      return { status: 400, type: options.throttleType, message: 'slow down (fault proxy)' };
    }
    if (counted % 8 === 0) {
      return { status: 500, type: options.serverType, message: 'failed (fault proxy)' };
    }
    return 'pass';
  };
}
