/**
 * Two generations of key tables: keys untouched for a TTL are forgotten without iterating.
 *
 * @module
 */
import { blockLength } from './ip-entry.js';
import { KeyTable, MIN_SLOTS } from './key-table.js';

/**
 * Key tables that forget keys not touched for one TTL, without ever iterating: two
 * generations, rotated when the partner's watermark passes the generation's end (or early
 * when the current one reaches the key cap). A key found in the old generation is copied to
 * the current one, so a dropped key was untouched for at least one TTL.
 */
export class GenTable {
  private current: KeyTable;
  private previous: KeyTable;
  private start = Number.NEGATIVE_INFINITY;
  /** The watermark of the latest `advance`: no time stored in the current generation is later. */
  private seen = Number.NEGATIVE_INFINITY;
  /** No time stored in the old generation is later than this. */
  private previousNewest = Number.NEGATIVE_INFINITY;
  /** The table holding the slot that `find` or `insert` last returned. */
  at: KeyTable;

  /**
   * @param stride - numbers per slot, the key included
   * @param refs - whether a slot's last number is the offset (+1) of a block in the table's arena (0: none)
   * @param skipStale - whether `find` may skip a stale old generation (see there)
   */
  constructor(
    private readonly stride: number,
    private readonly refs: boolean,
    private readonly ttlMs: number,
    private readonly maxKeys: number,
    private readonly skipStale: boolean,
  ) {
    this.current = new KeyTable(stride, MIN_SLOTS);
    this.previous = new KeyTable(stride, MIN_SLOTS);
    this.at = this.current;
  }

  /** Keys held; a key copied forward also still counts in the old generation until it is dropped. */
  get size(): number {
    return this.current.size + this.previous.size;
  }

  /** Advances time; drops the old generation once it is a full TTL behind. */
  advance(watermark: number): void {
    if (this.start === Number.NEGATIVE_INFINITY) this.start = watermark;
    else if (watermark - this.start >= this.ttlMs) this.rotate(watermark);
    this.seen = watermark;
  }

  /**
   * The offset of `key`'s slot in `this.at.data` for a click at `t`, or -1. With `skipStale`,
   * when everything in the old generation is more than a TTL older than `t`, the old generation
   * is not searched. That is exact only for a table whose stale key a fresh insert reproduces
   * (click ids: count 1, last seen now), not for addresses: their user agents outlive the
   * window (a late click reaches back to them, and their order decides which one the cap
   * drops). For click ids it matters: most partners click less often than the 10-second
   * duplicate window, and the search was a cache miss on a table untouched since the
   * partner's last click.
   */
  find(key: number, t: number): number {
    const hot = this.current.find(key);
    if (hot !== -1) {
      this.at = this.current;
      return hot;
    }
    if (this.skipStale && this.previousNewest < t - this.ttlMs) return -1;
    const old = this.previous;
    const cold = old.find(key);
    if (cold === -1) return -1;
    const copied = this.current.insert(key);
    const data = this.current.data;
    for (let j = 1; j < this.stride; j += 1) data[copied + j] = old.data[cold + j]!;
    const ref = old.data[cold + this.stride - 1]!;
    if (this.refs && ref > 0) {
      const from = ref - 1;
      const length = blockLength(old.arena, from);
      const to = this.current.alloc(length);
      this.current.arena.set(old.arena.subarray(from, from + length), to);
      data[copied + this.stride - 1] = to + 1;
    }
    return this.placed(copied);
  }

  /** Adds `key` (not present) with zeroed values; returns its offset in `this.at.data`. */
  insert(key: number): number {
    return this.placed(this.current.insert(key));
  }

  private placed(offset: number): number {
    this.at = this.current;
    // The cap bounds memory under a flood of distinct keys; it rotates early, which forgets
    // the older generation, deterministically for a given partner's click sequence.
    if (this.current.size >= this.maxKeys) this.rotate(this.start);
    return offset;
  }

  private rotate(now: number): void {
    this.previousNewest = this.seen;
    const reused = this.previous;
    this.previous = this.current;
    reused.clear(this.previous.size);
    this.current = reused;
    this.start = now;
  }
}
