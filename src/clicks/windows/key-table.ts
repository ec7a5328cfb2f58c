/**
 * One open-addressing table of 53-bit key hashes to a few numbers each, in one Float64Array.
 *
 * @module
 */
import type { Arena } from './ip-entry.js';

/** Slots a key table starts with, and never shrinks below. */
export const MIN_SLOTS = 16;
/**
 * Numbers a key table's arena starts with once it holds a block (one first block is 23), and
 * never shrinks below: small, since the online screener keeps up to 100 000 partners' tables.
 */
const MIN_ARENA = 32;
const NO_ARENA = new Float64Array(0);

/**
 * An open-addressing table from 53-bit key hashes to a fixed number of numbers per key, all in
 * one Float64Array: a key costs the collector nothing to trace or copy. (Window entries live
 * minutes of stream time, long enough to be copied out of the young generation as objects;
 * that copying was most of a 10M-click scan's GC.) Keys that need more state than a few
 * numbers point at a block in the table's `arena` (offset + 1; see `ip-entry.ts`), which is
 * emptied with the table.
 *
 * Slot layout: `[stamp, key, ...values]`; offsets handed out point at the key. A slot is in
 * use when its stamp equals the table's epoch, so emptying the table is one increment, not a
 * fill: a partner's generations rotate about once per click in sparse streams, and zeroing
 * them was 1.2M `fill` calls (80 doubles a click) per 1M clicks. The stamp sits beside the
 * key, not in an array of its own, so a probe touches one cache line, not two.
 */
export class KeyTable implements Arena {
  data: Float64Array;
  epoch = 1;
  mask: number;
  size = 0;
  arena = NO_ARENA;
  /** Numbers of `arena` in use (blocks are never freed one by one: the table's next epoch frees them all). */
  private arenaUsed = 0;
  /** Numbers per slot: the stamp, then `stride` (the key and its values). */
  private readonly width: number;
  /** The key and free slot of the last `find` that missed (slot -1: none since the table changed). */
  private missKey = -1;
  private missSlot = -1;

  constructor(readonly stride: number, slots: number) {
    this.width = stride + 1;
    this.data = new Float64Array(slots * this.width);
    this.mask = slots - 1;
  }

  get slots(): number {
    return this.mask + 1;
  }

  /** The offset of `key` in `data` (its values follow it), or -1. */
  find(key: number): number {
    const { data, epoch, width, mask } = this;
    for (let i = (key >>> 0) & mask; ; i = (i + 1) & mask) {
      const at = i * width;
      if (data[at] !== epoch) {
        // Where an insert of this key goes, unless the table changes first: saves probing twice.
        this.missKey = key;
        this.missSlot = i;
        return -1;
      }
      if (data[at + 1] === key) return at + 1;
    }
  }

  /** Adds `key` (absent) with zeroed values; returns its offset. */
  insert(key: number): number {
    if (2 * (this.size + 1) > this.slots) this.grow();
    let at: number;
    if (this.missKey === key && this.missSlot !== -1) {
      at = this.missSlot * this.width;
      this.data[at] = this.epoch;
      at += 1;
    } else {
      at = this.freeSlot(key);
    }
    this.missSlot = -1;
    const data = this.data;
    data[at] = key;
    // The slot may hold a forgotten key's values from an earlier epoch.
    for (let j = 1; j < this.stride; j += 1) data[at + j] = 0;
    this.size += 1;
    return at;
  }

  /** Claims the free slot where `key` (absent) goes; returns the offset of its key. */
  private freeSlot(key: number): number {
    this.missSlot = -1;
    const { data, epoch, width, mask } = this;
    let i = (key >>> 0) & mask;
    while (data[i * width] === epoch) i = (i + 1) & mask;
    data[i * width] = epoch;
    return i * width + 1;
  }

  alloc(n: number): number {
    const at = this.arenaUsed;
    if (at + n > this.arena.length) {
      let size = Math.max(MIN_ARENA, 2 * this.arena.length);
      while (size < at + n) size *= 2;
      const grown = new Float64Array(size);
      grown.set(this.arena.subarray(0, at));
      this.arena = grown;
    }
    this.arenaUsed = at + n;
    return at;
  }

  /** Empties the table for reuse; a table (or arena) far larger than the next generation needs is replaced. */
  clear(expected: number): void {
    let slots = MIN_SLOTS;
    while (slots < 4 * expected) slots *= 2;
    if (this.slots > 2 * slots) {
      this.data = new Float64Array(slots * this.width);
      this.mask = slots - 1;
      this.epoch = 1;
    } else if (this.size > 0) {
      // A double counts far past any number of rotations a process lives through.
      this.epoch += 1;
    }
    this.size = 0;
    this.missSlot = -1;
    // The generation just dropped is the best guess of what the next one needs.
    const used = this.arenaUsed;
    if (this.arena.length > 4 * Math.max(MIN_ARENA, used)) this.arena = new Float64Array(2 * Math.max(MIN_ARENA, used));
    this.arenaUsed = 0;
  }

  private grow(): void {
    this.missSlot = -1;
    const { data: old, epoch, width, stride } = this;
    const slots = this.slots * 2;
    this.data = new Float64Array(slots * width);
    this.mask = slots - 1;
    this.epoch = 1;
    for (let from = 0; from < old.length; from += width) {
      if (old[from] !== epoch) continue;
      this.data.set(old.subarray(from + 1, from + 1 + stride), this.freeSlot(old[from + 1]!));
    }
  }
}
