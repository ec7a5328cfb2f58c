/**
 * A fixed, seed-free 32-bit string hash (FNV-1a over UTF-16 code units, then the murmur3
 * finaliser to spread the low bits). Fixed so that sketches, shards and windows give the
 * same answer in every process and every run: a random seed would break the
 * "N workers merge to exactly the single-thread report" guarantee.
 *
 * @module
 */

/** @internal The FNV-1a offset basis {@link hash32} starts from. */
export const HASH32_BASIS = 0x811c9dc5;

/** @internal One FNV-1a step of {@link hash32} over a UTF-16 code unit (or an ASCII byte, the same value). */
export function hash32Step(h: number, code: number): number {
  return Math.imul(h ^ code, 0x01000193);
}

/** @internal The murmur3 finaliser that ends {@link hash32}. */
export function hash32Finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes a string to an unsigned 32-bit integer; the same string always gives the same number. */
export function hash32(text: string): number {
  let h = HASH32_BASIS;
  for (let i = 0; i < text.length; i += 1) h = hash32Step(h, text.charCodeAt(i));
  return hash32Finish(h);
}

/**
 * A 53-bit string hash: {@link hash32} in the high 32 bits and 21 bits of a second,
 * independent multiplicative hash below, so that `Math.floor(h / 2 ** 21) === hash32(text)`.
 * For sets of hashes standing in for sets of strings: among a few thousand values a
 * collision has a chance of the order of 1e-10.
 */
export function hash53(text: string): number {
  h53 = HASH32_BASIS;
  g53 = G53_BASIS;
  feed53(text);
  return finish53();
}

/** The {@link hash32} inside a {@link hash53}: its high 32 bits. */
export function hash32Of53(hash: number): number {
  return Math.floor(hash / 2_097_152);
}

/**
 * {@link hash32} of an ordered pair of optional strings, with no string built: each part is
 * prefixed by its length (or, when undefined, by a value no UTF-16 code unit can take), so
 * `(undefined, x)`, `('', x)` and `('a', 'b')` vs `('ab', '')` all hash apart. 32 bits, one
 * multiply a character: for telling apart the few values that share a longer key (the
 * fingerprints of one address), where 53 bits bought nothing but a second multiply.
 */
export function hash32Pair(a: string | undefined, b: string | undefined): number {
  let h = hash32Step(HASH32_BASIS, a === undefined ? ABSENT : a.length);
  if (a !== undefined) for (let i = 0; i < a.length; i += 1) h = hash32Step(h, a.charCodeAt(i));
  h = hash32Step(h, b === undefined ? ABSENT : b.length);
  if (b !== undefined) for (let i = 0; i < b.length; i += 1) h = hash32Step(h, b.charCodeAt(i));
  return hash32Finish(h);
}

// The two running halves of a 53-bit hash, as module state so that the helpers below can be
// shared without returning a pair (an allocation per call on a per-click path).
const G53_BASIS = 0x9747b28c;
const ABSENT = 0x10000;
let h53 = HASH32_BASIS;
let g53 = G53_BASIS;

function step53(c: number): void {
  h53 = hash32Step(h53, c);
  g53 = Math.imul(g53 ^ c, 0x5bd1e995);
  g53 ^= g53 >>> 15;
}

function feed53(text: string): void {
  for (let i = 0; i < text.length; i += 1) step53(text.charCodeAt(i));
}

function finish53(): number {
  let g = Math.imul(g53 ^ (g53 >>> 13), 0x27d4eb2f);
  g ^= g >>> 16;
  return hash32Finish(h53) * 2_097_152 + (g >>> 11);
}

/** The worker shard (0…shards-1) that owns a partner: every windowed key includes the partner, so this keeps each window's events in one shard. */
export function shardOf(partnerId: string, shards: number): number {
  return shards <= 1 ? 0 : hash32(partnerId) % shards;
}
