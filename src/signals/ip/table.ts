/**
 * Sorted, non-overlapping numeric range tables with binary search, and the builder
 * that flattens overlapping lists into one by priority. Built once at load; lookups
 * allocate nothing.
 *
 * @module
 */

/** One inclusive range and its value, as the builder handles it. */
export interface Segment<T> {
  /** First address. */
  s: T;
  /** Last address (inclusive). */
  e: T;
  /** Label index or ASN. */
  v: number;
}

/** A frozen lookup table: each range maps to a number (a label index or an ASN). */
export class RangeTable {
  /**
   * IPv4 ranges as `[start, end, value]` triples, ascending by start. Interleaved so that the
   * last steps of a search and the range's end and value share a cache line: the tables (the
   * IP→ASN one has hundreds of thousands of ranges) are far larger than the cache, and three
   * separate arrays cost three misses where this costs one.
   */
  private readonly r4: Uint32Array;
  /** IPv6 ranges as `[start × 4 words, end × 4 words, value]`, nine words per range, ascending. */
  private readonly r6: Uint32Array;
  /** For each top 16 bits p, the first IPv4 range whose start is ≥ p << 16 (65,537 entries): narrows every search to one bucket. */
  private readonly b4: Uint32Array;
  /** The same over the first 16 bits of IPv6 starts. */
  private readonly b6: Uint32Array;

  /**
   * Wraps prepared arrays (ascending, non-overlapping); see {@link RangeTable.fromSegments}.
   * IPv6 arrays hold four big-endian words per range.
   */
  constructor(s4: Uint32Array, e4: Uint32Array, v4: Uint32Array, s6: Uint32Array, e6: Uint32Array, v6: Uint32Array) {
    this.r4 = new Uint32Array(v4.length * R4);
    for (let i = 0; i < v4.length; i++) {
      this.r4[i * R4] = s4[i]!;
      this.r4[i * R4 + 1] = e4[i]!;
      this.r4[i * R4 + 2] = v4[i]!;
    }
    this.r6 = new Uint32Array(v6.length * R6);
    for (let i = 0; i < v6.length; i++) {
      for (let k = 0; k < 4; k++) {
        this.r6[i * R6 + k] = s6[i * 4 + k]!;
        this.r6[i * R6 + 4 + k] = e6[i * 4 + k]!;
      }
      this.r6[i * R6 + 8] = v6[i]!;
    }
    this.b4 = buckets(this.r4, R4, 16);
    this.b6 = buckets(this.r6, R6, 16);
  }

  /**
   * Wraps arrays already in the interleaved layout ({@link RangeTable.packed}): no copy, so
   * a table read from a file is usable as soon as its buckets are built.
   */
  static fromPacked(r4: Uint32Array, r6: Uint32Array): RangeTable {
    const table = Object.create(RangeTable.prototype) as { r4: Uint32Array; r6: Uint32Array; b4: Uint32Array; b6: Uint32Array };
    table.r4 = r4;
    table.r6 = r6;
    table.b4 = buckets(r4, R4, 16);
    table.b6 = buckets(r6, R6, 16);
    return table as unknown as RangeTable;
  }

  /** The interleaved range arrays, for {@link RangeTable.fromPacked} (three and nine words a range). */
  packed(): { readonly r4: Uint32Array; readonly r6: Uint32Array } {
    return { r4: this.r4, r6: this.r6 };
  }

  /** Builds a table from sorted, non-overlapping segments. */
  static fromSegments(v4: readonly Segment<number>[], v6: readonly Segment<bigint>[]): RangeTable {
    const s4 = new Uint32Array(v4.length);
    const e4 = new Uint32Array(v4.length);
    const x4 = new Uint32Array(v4.length);
    v4.forEach((seg, i) => {
      s4[i] = seg.s;
      e4[i] = seg.e;
      x4[i] = seg.v;
    });
    const s6 = new Uint32Array(v6.length * 4);
    const e6 = new Uint32Array(v6.length * 4);
    const x6 = new Uint32Array(v6.length);
    v6.forEach((seg, i) => {
      for (let k = 0; k < 4; k++) {
        const shift = BigInt(96 - 32 * k);
        s6[i * 4 + k] = Number((seg.s >> shift) & 0xffffffffn);
        e6[i * 4 + k] = Number((seg.e >> shift) & 0xffffffffn);
      }
      x6[i] = seg.v;
    });
    return new RangeTable(s4, e4, x4, s6, e6, x6);
  }

  /** Number of IPv4 and IPv6 ranges. */
  get size(): { v4: number; v6: number } {
    return { v4: this.r4.length / R4, v6: this.r6.length / R6 };
  }

  /** The value of the IPv4 range holding `x`, or -1. */
  find4(x: number): number {
    const r = this.r4;
    const p = x >>> 16;
    let lo = this.b4[p]!;
    let hi = this.b4[p + 1]! - 1;
    let found = lo - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (r[mid * R4]! <= x) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found >= 0 && r[found * R4 + 1]! >= x ? r[found * R4 + 2]! : -1;
  }

  /** The value of the IPv6 range holding the address given as four words, or -1. */
  find6(w0: number, w1: number, w2: number, w3: number): number {
    const r = this.r6;
    const p = w0 >>> 16;
    let lo = this.b6[p]!;
    let hi = this.b6[p + 1]! - 1;
    let found = lo - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(r, mid * R6, w0, w1, w2, w3) <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found >= 0 && compare(r, found * R6 + 4, w0, w1, w2, w3) >= 0 ? r[found * R6 + 8]! : -1;
  }
}

// Words per range in the interleaved tables.
const R4 = 3;
const R6 = 9;

/** `out[p]` = index of the first range whose first word's top `bits` bits are ≥ p. */
function buckets(starts: Uint32Array, stride: number, bits: number): Uint32Array {
  const size = 2 ** bits;
  const out = new Uint32Array(size + 1);
  const count = starts.length / stride;
  let i = 0;
  for (let p = 0; p <= size; p++) {
    while (i < count && starts[i * stride]! >>> (32 - bits) < p) i++;
    out[p] = i;
  }
  return out;
}

function compare(a: Uint32Array, i: number, w0: number, w1: number, w2: number, w3: number): number {
  let d = a[i]! - w0;
  if (d !== 0) return d;
  d = a[i + 1]! - w1;
  if (d !== 0) return d;
  d = a[i + 2]! - w2;
  if (d !== 0) return d;
  return a[i + 3]! - w3;
}

/**
 * Collects ranges from many lists at many priorities and flattens them: where ranges
 * overlap, the lowest priority number wins, and within one priority the range added
 * first wins. The result has no overlaps, so one binary search answers a lookup.
 */
export class RangeTableBuilder {
  private readonly levels = new Map<number, { v4: Segment<number>[]; v6: Segment<bigint>[] }>();

  private level(priority: number): { v4: Segment<number>[]; v6: Segment<bigint>[] } {
    let level = this.levels.get(priority);
    if (level === undefined) {
      level = { v4: [], v6: [] };
      this.levels.set(priority, level);
    }
    return level;
  }

  /** Adds an inclusive IPv4 range. */
  add4(priority: number, start: number, end: number, value: number): void {
    this.level(priority).v4.push({ s: start, e: end, v: value });
  }

  /** Adds an inclusive IPv6 range. */
  add6(priority: number, start: bigint, end: bigint, value: number): void {
    this.level(priority).v6.push({ s: start, e: end, v: value });
  }

  /** Flattens everything added into a {@link RangeTable}. */
  build(): RangeTable {
    let v4: Segment<number>[] = [];
    let v6: Segment<bigint>[] = [];
    for (const priority of [...this.levels.keys()].sort((a, b) => a - b)) {
      const level = this.levels.get(priority)!;
      v4 = paint(v4, level.v4, 1);
      v6 = paint(v6, level.v6, 1n);
    }
    return RangeTable.fromSegments(v4, v6);
  }
}

/** Returns `painted` plus the parts of `level` not already covered, merged and compacted. */
function paint<T extends number | bigint>(painted: Segment<T>[], level: Segment<T>[], one: T): Segment<T>[] {
  if (level.length === 0) return painted;
  const inc = (x: T): T => ((x as number) + (one as number)) as T;
  const dec = (x: T): T => ((x as number) - (one as number)) as T;
  level.sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : 0));
  const pieces: Segment<T>[] = [];
  let pi = 0;
  let covered: T | undefined;
  for (const seg of level) {
    let s = seg.s;
    const e = seg.e;
    if (covered !== undefined && s <= covered) s = inc(covered);
    while (s <= e) {
      while (pi < painted.length && painted[pi]!.e < s) pi++;
      const next = painted[pi];
      if (next !== undefined && next.s <= s) {
        s = inc(next.e);
        continue;
      }
      const gapEnd = next !== undefined && next.s <= e ? dec(next.s) : e;
      pieces.push({ s, e: gapEnd, v: seg.v });
      s = inc(gapEnd);
    }
    if (covered === undefined || e > covered) covered = e;
  }
  const merged: Segment<T>[] = [];
  let a = 0;
  let b = 0;
  while (a < painted.length || b < pieces.length) {
    const pa = painted[a];
    const pb = pieces[b];
    const take = pb === undefined || (pa !== undefined && pa.s < pb.s) ? (a++, pa!) : (b++, pb);
    const last = merged[merged.length - 1];
    if (last !== undefined && last.v === take.v && inc(last.e) === take.s) last.e = take.e;
    else merged.push({ s: take.s, e: take.e, v: take.v });
  }
  return merged;
}
