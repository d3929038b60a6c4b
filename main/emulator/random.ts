/**
 * Seeded randomness for the emulator. Every random choice the emulator makes goes through an
 * {@link Rng} so a seed reproduces the same world and the same live activity; nothing here reads
 * the wall clock or Math.random.
 */

/** A deterministic pseudo-random source (mulberry32) with the helpers the generators need. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    // Mixing the seed first keeps neighbouring seeds (1, 2, 3…) from starting on similar streams.
    this.state = mix32(seed >>> 0) || 0x9e3779b9;
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A uniform float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** A uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A uniform float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A uniformly chosen element; the array must not be empty. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** An element chosen with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return items[i] as T;
    }
    return items[items.length - 1] as T;
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  /** Up to `count` distinct elements in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = items.slice();
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const tmp = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = tmp;
    }
    return copy.slice(0, n);
  }

  /** An exponentially distributed value with the given mean (for gaps between events). */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** A lowercase hex string of `length` characters. */
  hex(length: number): string {
    let out = '';
    while (out.length < length) out += this.uint32().toString(16).padStart(8, '0');
    return out.slice(0, length);
  }

  /** A lowercase base-36 string of `length` characters (cloud-style ids). */
  base36(length: number): string {
    let out = '';
    while (out.length < length) out += ALPHABET36[this.uint32() % 36];
    return out;
  }

  /** An independent generator derived from this one (stable for the same call order). */
  fork(label: string): Rng {
    return new Rng(hashSeed(this.uint32(), label));
  }
}

const ALPHABET36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Creates a generator for `seed`. */
export function createRng(seed: number): Rng {
  return new Rng(seed);
}

/** A precomputed weighted chooser: O(log n) per pick, for hot loops. */
export function weightedPicker<T>(
  items: readonly T[],
  weights: readonly number[],
): (rng: Rng) => T {
  const cumulative = new Float64Array(items.length);
  let total = 0;
  items.forEach((_, i) => {
    total += weights[i] ?? 0;
    cumulative[i] = total;
  });
  return (rng) => {
    const r = rng.next() * total;
    let lo = 0;
    let hi = items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) > r) hi = mid;
      else lo = mid + 1;
    }
    return items[lo] as T;
  };
}

/** A 32-bit avalanche mix (murmur3 finalizer). */
export function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Derives a seed from a base seed and labels, so sub-generators stay independent. */
export function hashSeed(base: number, ...labels: readonly (string | number)[]): number {
  let h = mix32(base ^ 0x2545f491);
  for (const label of labels) {
    const text = String(label);
    for (let i = 0; i < text.length; i++) h = mix32(h ^ text.charCodeAt(i));
    h = mix32(h + 0x9e3779b9);
  }
  return h;
}

const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/**
 * Makes Mongo-style 24-hex ids: 8 hex of seconds, 10 hex fixed per world, 6 hex of a counter.
 * Like real Tracker ids they sort by creation time, and the counter keeps them unique. Ids are
 * written into a scratch buffer so each one is a single flat string (a seeded world holds ~10^6).
 */
export class ObjectIdFactory {
  private readonly scratch = Buffer.alloc(24);
  /** The next counter value; persisted so a store continues where the seed stopped. */
  counter: number;

  constructor(seed: number, counter = 1) {
    this.counter = counter;
    const machine = mix32(seed).toString(16).padStart(8, '0') + mix32(seed ^ 0xabcdef).toString(16);
    this.scratch.write(machine.slice(0, 10).padEnd(10, '0'), 8, 'latin1');
  }

  /** A fresh id stamped with `timeMs`. */
  next(timeMs: number): string {
    return this.at(timeMs, this.counter++);
  }

  /** The id for `timeMs` and an explicit counter value (callers reserve counters in bulk). */
  at(timeMs: number, counter: number): string {
    const buf = this.scratch;
    let seconds = Math.max(0, Math.floor(timeMs / 1000)) % 0x100000000;
    let count = counter % 0x1000000;
    for (let i = 7; i >= 0; i--) {
      buf[i] = HEX_CODES[seconds & 15] as number;
      seconds = Math.floor(seconds / 16);
    }
    for (let i = 23; i >= 18; i--) {
      buf[i] = HEX_CODES[count & 15] as number;
      count >>>= 4;
    }
    return buf.toString('latin1', 0, 24);
  }
}
