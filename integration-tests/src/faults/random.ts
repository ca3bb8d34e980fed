/** A seeded generator (mulberry32): the same seed gives the same corpus on every machine. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  hex(length: number): string {
    let out = '';
    while (out.length < length) out += this.int(16).toString(16);
    return /^0+$/.test(out) ? `1${out.slice(1)}` : out;
  }
  bytes(length: number): Buffer {
    return Buffer.from(Array.from({ length }, () => this.int(256)));
  }
  /** Printable text, some of it beyond ASCII (never a lone surrogate or a control character). */
  text(length: number): string {
    const alphabet = 'abcXYZ019 -_=,;:.%/\\"\'{}[]ééß漢字🙂\t';
    return Array.from({ length }, () => this.pick([...alphabet])).join('');
  }
}
