/**
 * A bounded string interner: equal strings in, one long-lived copy out.
 *
 * Window entries outlive the young generation, so every string they keep is copied by the
 * collector and later swept from the old one. Landing URLs and sub ids repeat across a
 * partner's clicks; keeping one copy of each makes an entry hold no string of its own.
 * Interning never changes what compares equal, so it cannot change a result.
 *
 * @module
 */
export class Interner {
  private readonly strings = new Map<string, string>();

  /** @param maxSize - distinct strings kept; past it the table starts over (a cache, not a registry). */
  constructor(private readonly maxSize = 65_536) {}

  /** Distinct strings held. */
  get size(): number {
    return this.strings.size;
  }

  /** The kept copy of `text` (`undefined` stays `undefined`). */
  intern(text: string | undefined): string | undefined {
    if (text === undefined) return undefined;
    const kept = this.strings.get(text);
    if (kept !== undefined) return kept;
    if (this.strings.size >= this.maxSize) this.strings.clear();
    this.strings.set(text, text);
    return text;
  }
}
