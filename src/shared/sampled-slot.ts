/**
 * A slot for a string from its length and eight characters spread along it: the index of a
 * direct-mapped (or set-associative) front that is confirmed by `===`.
 *
 * Why not a full hash: a `Map.get` with a fresh string hashes every character (a 300-character
 * headers text cost more than the regular expression that read the whole line), while a
 * `===` against the one candidate is a native compare. Strings that share a slot cost one
 * failed compare, never a wrong answer.
 * @module
 */

/** The slot of `text` among `slots` (a power of two). */
export function sampledSlot(text: string, slots: number): number {
  const n = text.length;
  let h = n;
  // charCodeAt past the end (an empty string) is NaN, which `^` reads as 0.
  for (let k = 0; k < 8; k += 1) h = Math.imul(h ^ text.charCodeAt((n * k) >> 3), 0x9e3779b1);
  return (h ^ (h >>> 16)) & (slots - 1);
}
