import {
  ATTR_MESSAGING_CLIENT_ID,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  type MessagingSemconv,
  setRenamedAttribute,
} from '@msgtrace/core';
import type { Attributes } from '@opentelemetry/api';

/** What msgtrace knows about a Kafka client, captured when it was constructed. */
export interface ClientInfo {
  clientId?: string | undefined;
  /** Set only when the client was given exactly one bootstrap broker: otherwise it is unknown. */
  server?: { address: string; port: number } | undefined;
  /** The cluster id once the client has loaded metadata (read from it, never requested). */
  clusterId?: (() => string | undefined) | undefined;
}

export interface ConsumerInfo extends ClientInfo {
  groupId?: string | undefined;
}

/** The options of kafkajs's `new Kafka(...)` msgtrace reads. */
export function clientInfoFrom(options: unknown): ClientInfo {
  if (!options || typeof options !== 'object') return {};
  const { clientId, brokers } = options as { clientId?: unknown; brokers?: unknown };
  const info: ClientInfo = {};
  if (typeof clientId === 'string' && clientId) info.clientId = clientId;
  // A list of several brokers, or a function that finds them, does not say which broker served
  // a request; only a single configured broker is a truthful server.address.
  if (Array.isArray(brokers) && brokers.length === 1) {
    const server = serverOf(brokers[0]);
    if (server) info.server = server;
  }
  return info;
}

/** `host:port` (or `[v6]:port`) as a server address and port; undefined for anything else. */
export function serverOf(broker: unknown): ClientInfo['server'] {
  if (typeof broker !== 'string') return undefined;
  const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(broker.trim());
  return match?.[1] && match[2] ? { address: match[1], port: Number(match[2]) } : undefined;
}

/**
 * The cluster id, under the name the conventions opt-in selects, when the client knows it: read from
 * the metadata it already holds, never by a request.
 */
export function addClusterId(
  attributes: Attributes,
  client: ClientInfo,
  semconv: MessagingSemconv,
): void {
  const clusterId = client.clusterId?.();
  if (clusterId) setRenamedAttribute(attributes, semconv, 'kafkaClusterId', clusterId);
}

/** `server.address` and `server.port`, which samplers may decide on. */
export function serverAttributes(client: ClientInfo, attributes: Attributes): Attributes {
  if (client.server) {
    attributes[ATTR_SERVER_ADDRESS] = client.server.address;
    attributes[ATTR_SERVER_PORT] = client.server.port;
  }
  return attributes;
}

/** The client id and the cluster id: detail for spans that record. */
export function clientIdentityAttributes(
  client: ClientInfo,
  attributes: Attributes,
  semconv: MessagingSemconv,
): Attributes {
  if (client.clientId) attributes[ATTR_MESSAGING_CLIENT_ID] = client.clientId;
  addClusterId(attributes, client, semconv);
  return attributes;
}
