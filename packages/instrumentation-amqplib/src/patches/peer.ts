import type { PeerInfo } from '../describe.js';

const peers = new WeakMap<object, PeerInfo>();

/**
 * Where a channel's connection goes, read once per connection from its socket: amqplib is handed
 * a URL we never see, but the socket knows the address it connected to.
 */
export function peerOf(channel: unknown): PeerInfo {
  const connection = (channel as { connection?: unknown } | undefined)?.connection;
  if (!connection || typeof connection !== 'object') return {};
  let peer = peers.get(connection);
  if (!peer) {
    const stream = (connection as { stream?: { remoteAddress?: unknown; remotePort?: unknown } })
      .stream;
    peer = {};
    if (typeof stream?.remoteAddress === 'string') peer.address = stream.remoteAddress;
    if (typeof stream?.remotePort === 'number') peer.port = stream.remotePort;
    peers.set(connection, peer);
  }
  return peer;
}
