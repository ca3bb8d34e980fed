import { isUtf8 } from 'node:buffer';
import {
  ATTR_MESSAGING_DESTINATION_NAME,
  ATTR_MESSAGING_DESTINATION_SUBSCRIPTION_NAME,
  ATTR_MESSAGING_MESSAGE_BODY_SIZE,
  ATTR_MESSAGING_MESSAGE_CONVERSATION_ID,
  ATTR_MESSAGING_MESSAGE_ID,
  ATTR_NETWORK_PEER_ADDRESS,
  ATTR_NETWORK_PEER_PORT,
  MESSAGING_SYSTEM_RABBITMQ,
  type MessagingOperation,
  type MessagingSemconv,
  SEMCONV_V1_44,
  setRenamedAttribute,
} from '@msgtrace/core';
import type { Attributes } from '@opentelemetry/api';
import { ATTR_MSGTRACE_CONSUMER_TAG, ATTR_MSGTRACE_REDELIVERED } from './attributes.js';
import type { AmqpMessage } from './types.js';

/**
 * Pure descriptions of amqplib calls: arguments in, operations and attributes out, unit-tested
 * without a broker.
 */

/** RabbitMQ's own name for the exchange an empty exchange name means. */
export const DEFAULT_EXCHANGE = 'amq.default';

/** Where a channel's connection goes, read once from its socket. */
export interface PeerInfo {
  address?: string;
  port?: number;
}

function idAttribute(value: unknown): string | undefined {
  if (typeof value === 'string' && value) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (value instanceof Uint8Array && value.byteLength > 0 && isUtf8(value)) {
    return Buffer.from(value).toString('utf8');
  }
  return undefined;
}

function peerAttributes(peer: PeerInfo, attributes: Attributes): Attributes {
  if (peer.address) attributes[ATTR_NETWORK_PEER_ADDRESS] = peer.address;
  if (peer.port) attributes[ATTR_NETWORK_PEER_PORT] = peer.port;
  return attributes;
}

/**
 * The `publish` operation. The conventions make the exchange the destination attribute (an empty
 * string for the default exchange). Span names need something a person can tell apart: the
 * exchange's name, or for the default exchange, which routes by queue name, the queue the
 * routing key names (`amq.default`, RabbitMQ's own name for it, when there is none).
 */
export function publishOperation(
  exchange: string,
  routingKey: string,
  content: unknown,
  options: Record<string, unknown> | undefined,
  peer: PeerInfo,
  semconv: MessagingSemconv = SEMCONV_V1_44,
): MessagingOperation {
  const recorded: Attributes = {};
  if (routingKey) setRenamedAttribute(recorded, semconv, 'rabbitmqRoutingKey', routingKey);
  const messageId = idAttribute(options?.messageId);
  if (messageId) recorded[ATTR_MESSAGING_MESSAGE_ID] = messageId;
  const correlationId = idAttribute(options?.correlationId);
  if (correlationId) recorded[ATTR_MESSAGING_MESSAGE_CONVERSATION_ID] = correlationId;
  if (content instanceof Uint8Array)
    recorded[ATTR_MESSAGING_MESSAGE_BODY_SIZE] = content.byteLength;
  return {
    system: MESSAGING_SYSTEM_RABBITMQ,
    type: 'send',
    name: 'publish',
    destination: exchange || routingKey || DEFAULT_EXCHANGE,
    attributes: { [ATTR_MESSAGING_DESTINATION_NAME]: exchange },
    recordedAttributes: peerAttributes(peer, recorded),
    semconv,
  };
}

/**
 * A delivered message's operation: `process` (consume) or `receive` (get), named by the queue it
 * came from, with the exchange as destination and the queue as subscription.
 */
export function deliveryOperation(
  type: 'process' | 'receive',
  queue: string,
  message: AmqpMessage,
  peer: PeerInfo,
  semconv: MessagingSemconv = SEMCONV_V1_44,
): MessagingOperation {
  const { fields, properties } = message;
  const recorded: Attributes = {};
  if (fields.routingKey) {
    setRenamedAttribute(recorded, semconv, 'rabbitmqRoutingKey', fields.routingKey);
  }
  if (typeof fields.deliveryTag === 'number') {
    setRenamedAttribute(recorded, semconv, 'rabbitmqDeliveryTag', fields.deliveryTag);
  }
  if (typeof fields.redelivered === 'boolean')
    recorded[ATTR_MSGTRACE_REDELIVERED] = fields.redelivered;
  if (fields.consumerTag) recorded[ATTR_MSGTRACE_CONSUMER_TAG] = fields.consumerTag;
  const messageId = idAttribute(properties?.messageId);
  if (messageId) recorded[ATTR_MESSAGING_MESSAGE_ID] = messageId;
  const correlationId = idAttribute(properties?.correlationId);
  if (correlationId) recorded[ATTR_MESSAGING_MESSAGE_CONVERSATION_ID] = correlationId;
  if (message.content instanceof Uint8Array) {
    recorded[ATTR_MESSAGING_MESSAGE_BODY_SIZE] = message.content.byteLength;
  }
  return {
    system: MESSAGING_SYSTEM_RABBITMQ,
    type,
    name: type,
    destination: queue,
    attributes: {
      [ATTR_MESSAGING_DESTINATION_NAME]: typeof fields.exchange === 'string' ? fields.exchange : '',
      [ATTR_MESSAGING_DESTINATION_SUBSCRIPTION_NAME]: queue,
    },
    recordedAttributes: peerAttributes(peer, recorded),
    semconv,
  };
}

/**
 * The AMQP `timestamp` property in epoch milliseconds. The protocol says seconds; many
 * publishers put milliseconds there, so a value too large to be seconds is read as such.
 */
export function brokerTimestamp(message: AmqpMessage): number | undefined {
  const value = message.properties?.timestamp;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return undefined;
  return value < 100_000_000_000 ? value * 1000 : value;
}

/**
 * amqplib refuses (since 2.3.1) to publish a headers table larger than 64 KiB. Context is only
 * added when the caller's headers are comfortably below that, so injecting can never be what
 * makes a publish fail. The estimate counts keys and string / byte values; other values are small.
 */
export const MAX_HEADERS_ESTIMATE = 60_000;

export function headersSizeEstimate(headers: unknown): number {
  if (!headers || typeof headers !== 'object') return 0;
  let size = 0;
  // Keys, not entries: no pair array per header per publish.
  for (const key of Object.keys(headers)) {
    const value = (headers as Record<string, unknown>)[key];
    size += key.length + 8;
    if (typeof value === 'string') size += value.length * 3;
    else if (value instanceof Uint8Array) size += value.byteLength;
    else if (value && typeof value === 'object') size += JSON.stringify(value)?.length ?? 0;
  }
  return size;
}

/** A `get` that found the queue empty: still a receive, from that queue, of nothing. */
export function emptyReceiveOperation(
  queue: string,
  peer: PeerInfo,
  semconv: MessagingSemconv = SEMCONV_V1_44,
): MessagingOperation {
  return {
    system: MESSAGING_SYSTEM_RABBITMQ,
    type: 'receive',
    name: 'receive',
    destination: queue,
    attributes: { [ATTR_MESSAGING_DESTINATION_SUBSCRIPTION_NAME]: queue },
    recordedAttributes: peerAttributes(peer, {}),
    semconv,
  };
}
