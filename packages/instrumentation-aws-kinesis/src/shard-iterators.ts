/**
 * `GetRecords` takes only an opaque shard iterator: the stream and shard it reads from are known
 * from the `GetShardIterator` call that made the first iterator, and each answer's
 * `NextShardIterator` continues the same shard. This remembers that chain, bounded, so a
 * `receive` span can be named after its stream.
 */
export interface ShardPosition {
  streamName: string | undefined;
  shardId: string | undefined;
}

/** Enough for thousands of shards polled at once; the oldest entries go first. */
const MAX_ITERATORS = 4096;

export class ShardIterators {
  private readonly positions = new Map<string, ShardPosition>();

  constructor(private readonly max = MAX_ITERATORS) {}

  remember(iterator: unknown, position: ShardPosition): void {
    if (typeof iterator !== 'string' || !iterator) return;
    if (position.streamName === undefined && position.shardId === undefined) return;
    if (this.positions.size >= this.max) {
      const oldest = this.positions.keys().next().value;
      if (oldest !== undefined) this.positions.delete(oldest);
    }
    this.positions.set(iterator, position);
  }

  lookup(iterator: unknown): ShardPosition | undefined {
    return typeof iterator === 'string' ? this.positions.get(iterator) : undefined;
  }

  /**
   * A `GetRecords` with `iterator` succeeded and answered `next`: the old iterator is spent (a
   * failed call keeps it, since the caller may retry with it) and `next` reads the same shard.
   */
  advance(iterator: unknown, next: unknown, position: ShardPosition): void {
    if (typeof iterator === 'string') this.positions.delete(iterator);
    this.remember(next, position);
  }

  get size(): number {
    return this.positions.size;
  }
}
