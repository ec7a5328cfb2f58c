import { detached } from './detached.js';

/**
 * A bounded cache with least-recently-used eviction approximated by two generations
 * (as in quick-lru): a hit in the young generation is a single `Map.get`, with no
 * re-insertion, which is what keeps a repeated stream above millions of lookups a second.
 * Holds at most `2 × ceil(capacity / 2)` entries, and never iterates: evicting from the head
 * of one big Map instead is quadratic in V8 (each eviction skips all earlier deleted slots).
 * Shared by the user-agent classifier, click enrichment and the click windows' partners
 * (which account for what a dropped generation held through `onDrop`).
 *
 * Keys are stored as {@link detached} copies, made when a key enters the young generation
 * (new, or promoted from the old one): a key that is a slice of a long string (a field cut
 * from a CSV line) would otherwise keep that whole string alive for as long as it is cached.
 */
export class TwoGenerationCache<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();
  private readonly half: number;

  /**
   * `capacity` 0 disables caching; `Infinity` never drops a generation on its own.
   * `onDrop` sees each value of a generation as it is dropped; `onShift` is called after
   * every drop, once the young generation has become the old one (an empty drop included).
   */
  constructor(
    capacity: number,
    private readonly onDrop?: (value: V) => void,
    private readonly onShift?: () => void,
  ) {
    this.half = Math.max(0, Math.ceil(capacity / 2));
  }

  /** The cached value, promoting it to the young generation when found in the old one. */
  get(key: string): V | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined) return hit;
    const old = this.old.get(key);
    if (old !== undefined) {
      this.old.delete(key);
      // Stored anew under a copy: `key` is the caller's string, perhaps cut from a long line.
      this.insert(detached(key), old);
    }
    return old;
  }

  /** Stores a value (under a copy of a new key, see the class comment). */
  set(key: string, value: V): void {
    if (this.half === 0) return;
    if (this.young.has(key)) this.young.set(key, value);
    else this.insert(detached(key), value);
  }

  /** Number of entries held. */
  get size(): number {
    return this.young.size + this.old.size;
  }

  /** Every value held, young generation first. */
  *values(): IterableIterator<V> {
    yield* this.young.values();
    yield* this.old.values();
  }

  /** Drops everything. */
  clear(): void {
    this.young.clear();
    this.old.clear();
  }

  /** Drops the old generation now (the young one becomes old): for callers bounded by something besides the entry count. */
  dropOldGeneration(): void {
    if (this.onDrop !== undefined) for (const value of this.old.values()) this.onDrop(value);
    this.old = this.young;
    this.young = new Map();
    this.onShift?.();
  }

  private insert(key: string, value: V): void {
    if (this.young.size >= this.half) this.dropOldGeneration();
    this.young.set(key, value);
  }
}
