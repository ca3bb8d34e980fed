/**
 * The JSON-body carrier: Kinesis records have no headers, so trace context travels inside the
 * record body, as one member spliced in right after the opening brace of a JSON object.
 *
 * Nothing here parses or re-serializes the application's data: the producer copies the original
 * bytes around the inserted member, and the consumer recognises that member by its exact shape at
 * its exact position, parses only that small slice, and cuts it out again. Formatting, key order,
 * and numbers that JSON.parse would round (2^60 and friends) all survive the trip.
 */
export {
  injectIntoJsonBody,
  type JsonBodyInjectOptions,
  type JsonBodyInjectResult,
  type JsonBodySkipReason,
  type PreparedJsonBodyCarrier,
  prepareJsonBodyCarrier,
} from './json-body-inject.js';
export {
  type JsonBodyCarrierMemo,
  type JsonBodyReadOptions,
  type JsonBodyReadResult,
  jsonBodyCarrierMemo,
  readJsonBody,
} from './json-body-read.js';
export {
  DEFAULT_JSON_BODY_KEY,
  type JsonBodyData,
  KINESIS_MAX_RECORD_BYTES,
} from './json-body-scan.js';
