/**
 * A fixed, seed-free 32-bit string hash (FNV-1a over UTF-16 code units, then the murmur3
 * finaliser to spread the low bits). Fixed so that sketches, shards and windows give the
 * same answer in every process and every run: a random seed would break the
 * "N workers merge to exactly the single-thread report" guarantee.
 *
 * @module
 */

/** Hashes a string to an unsigned 32-bit integer; the same string always gives the same number. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A 53-bit string hash: {@link hash32} in the high 32 bits and 21 bits of a second,
 * independent multiplicative hash below, so that `Math.floor(h / 2 ** 21) === hash32(text)`.
 * For sets of hashes standing in for sets of strings: among a few thousand values a
 * collision has a chance of the order of 1e-10.
 */
export function hash53(text: string): number {
  let h = 0x811c9dc5;
  let g = 0x9747b28c;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    h ^= c;
    h = Math.imul(h, 0x01000193);
    g = Math.imul(g ^ c, 0x5bd1e995);
    g ^= g >>> 15;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  g = Math.imul(g ^ (g >>> 13), 0x27d4eb2f);
  g ^= g >>> 16;
  return (h >>> 0) * 2_097_152 + (g >>> 11);
}

/** The worker shard (0…shards-1) that owns a partner: every windowed key includes the partner, so this keeps each window's events in one shard. */
export function shardOf(partnerId: string, shards: number): number {
  return shards <= 1 ? 0 : hash32(partnerId) % shards;
}
