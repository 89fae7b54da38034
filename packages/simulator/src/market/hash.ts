// Deterministic integer hashing: every random choice in the market is a pure function of
// (seed, symbol, what, index), so any minute of history can be computed without replaying the past.

/** 32-bit avalanche mix (the murmur3 finaliser). */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes up to four integers (each may exceed 32 bits; the high part is folded in) into a uint32. */
export function hash(key: number, a: number, b = 0, c = 0): number {
  let h = mix32(key ^ 0x9e3779b9 ^ Math.imul(a | 0, 0x632be5ab));
  if (a >= 4294967296 || a < 0) h = mix32(h ^ Math.floor(a / 4294967296));
  h = mix32(h ^ Math.imul(b | 0, 0x27d4eb2f));
  if (b >= 4294967296 || b < 0) h = mix32(h ^ Math.floor(b / 4294967296));
  h = mix32(h ^ Math.imul(c | 0, 0x165667b1) ^ 0x5bd1e995);
  if (c >= 4294967296 || c < 0) h = mix32(h ^ Math.floor(c / 4294967296));
  return h;
}

/** A uniform number in [0, 1) for the given key and indices. */
export function unit(key: number, a: number, b = 0, c = 0): number {
  return hash(key, a, b, c) / 4294967296;
}

/** Hashes a string (e.g. a symbol name) into a uint32 key, mixed with the seed. */
export function stringKey(seed: number, text: string): number {
  let h = mix32(seed ^ 0x51ed270b);
  for (let i = 0; i < text.length; i++) h = mix32(h ^ text.charCodeAt(i)) + i;
  return mix32(h);
}

/** Small deterministic generator for one-off sequences (symbol universe set-up). */
export class SeededRandom {
  private state: number;
  constructor(seed: number) {
    this.state = mix32(seed ^ 0x2545f491) || 1;
  }
  next(): number {
    this.state = mix32(this.state + 0x6d2b79f5);
    return this.state / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
}
