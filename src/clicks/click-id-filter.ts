/**
 * A one-hash bit filter over the click ids that conversions name, asked before the join map.
 *
 * Nearly every click has no conversion, and the join map's lookup was 2% of a 1M-click scan:
 * a probe into a table of every converting click id (hundreds of KB at 20k conversions,
 * megabytes at 200k) misses the cache. The filter is 16 bits per id, so a click without a
 * conversion is usually turned away by one bit read; a set bit only means "look in the map",
 * so a false positive costs the lookup it replaces, never a wrong join.
 *
 * @module
 */
import { hash32 } from './hash.js';

/** Membership filter for click ids: `mightHave` is false only for ids never added. */
export class ClickIdFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  /** @param expected - number of ids that will be added */
  constructor(expected: number) {
    let size = 1024;
    while (size < expected * 16) size *= 2;
    this.bits = new Uint32Array(size / 32);
    this.mask = size - 1;
  }

  /** Records an id. */
  add(id: string): void {
    const bit = hash32(id) & this.mask;
    this.bits[bit >>> 5]! |= 1 << (bit & 31);
  }

  /** False when `id` was certainly never added. */
  mightHave(id: string): boolean {
    return this.mightHaveHash(hash32(id));
  }

  /** {@link ClickIdFilter.mightHave} of an id given as its `hash32` (from a `hash53` by `hash32Of53`). */
  mightHaveHash(hash: number): boolean {
    const bit = hash & this.mask;
    return (this.bits[bit >>> 5]! & (1 << (bit & 31))) !== 0;
  }
}
