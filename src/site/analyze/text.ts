/**
 * Text normalisation and phrase matching shared by analysis and the content rules. All
 * matching is on word-normalised text (lower-case letters and digits, single spaces), so a
 * phrase matches only as whole words and every check is a linear `includes`.
 * @module
 */

/** Lower-cases and collapses every run of non-letters/digits to one space. */
export function normalizeWords(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Counts words in already normalised text (words are separated by single spaces). */
export function countNormalizedWords(normalized: string): number {
  if (normalized === '') return 0;
  let count = 1;
  for (let i = 0; i < normalized.length; i += 1) if (normalized.charCodeAt(i) === 32) count += 1;
  return count;
}

/**
 * Whether `phrase` occurs as whole words in `haystack`, which must be normalised text
 * already padded with one space on each side (see {@link padWords}).
 */
export function containsPhrase(paddedHaystack: string, phrase: string): boolean {
  const p = normalizeWords(phrase);
  return p !== '' && paddedHaystack.includes(` ${p} `);
}

/** Pads normalised text for {@link containsPhrase}. */
export function padWords(normalized: string): string {
  return ` ${normalized} `;
}
