import { SQS_MAX_MESSAGE_BYTES } from '@msgtrace/core';

/**
 * An SNS notification delivered to SQS without raw delivery arrives as a JSON envelope in the
 * body, the publisher's message attributes inside it as `{ Type, Value }`. This reads the string
 * ones as a carrier for the propagator. The body is untrusted: anything that is not such an
 * envelope yields nothing, and bodies SQS could not have delivered are not parsed at all.
 */
export function snsEnvelopeCarrier(body: unknown): Record<string, string> | undefined {
  if (typeof body !== 'string' || body.length > SQS_MAX_MESSAGE_BYTES) return undefined;
  // Cheap tests first: most bodies are not SNS envelopes and should not be parsed.
  if (!body.includes('"Notification"') || !body.includes('"MessageAttributes"')) return undefined;
  let envelope: unknown;
  try {
    envelope = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!envelope || typeof envelope !== 'object') return undefined;
  const { Type, MessageAttributes } = envelope as { Type?: unknown; MessageAttributes?: unknown };
  if (Type !== 'Notification' || !MessageAttributes || typeof MessageAttributes !== 'object') {
    return undefined;
  }
  const carrier: Record<string, string> = {};
  for (const [name, attribute] of Object.entries(MessageAttributes)) {
    // JSON.parse makes `__proto__` an own key; assigning it would change the carrier's prototype.
    if (name === '__proto__' || !attribute || typeof attribute !== 'object') continue;
    const { Type: type, Value: value } = attribute as { Type?: unknown; Value?: unknown };
    if (type === 'String' && typeof value === 'string') carrier[name] = value;
  }
  return Object.keys(carrier).length > 0 ? carrier : undefined;
}
