/**
 * Copies of strings that share no memory with the text they were cut from.
 *
 * Why: V8 represents a slice of a long enough string as a view of its parent, so a long-lived
 * map that keeps a field cut from a CSV line (or a user agent cut to its first 512
 * characters) keeps the whole parent alive, up to the reader's 1 MiB line limit per key. Caches
 * and per-partner state run what they keep through {@link detached} when they store it (a
 * two-generation cache again when it promotes a key): once per key, or per conversion the
 * scan keeps, never once per click.
 * @module
 */

/** A copy of `text` that holds no reference to any other string. Exact for every string, lone surrogates included. */
export function detached(text: string): string {
  // A JSON round trip always builds a fresh string, and is lossless (well-formed
  // JSON.stringify escapes lone surrogates, which JSON.parse restores).
  return JSON.parse(JSON.stringify(text)) as string;
}

/** {@link detached} for an optional string. */
export function detachedOptional(text: string | undefined): string | undefined {
  return text === undefined ? undefined : detached(text);
}
