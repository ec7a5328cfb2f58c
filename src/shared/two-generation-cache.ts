/**
 * A bounded cache with least-recently-used eviction approximated by two generations
 * (as in quick-lru): a hit in the young generation is a single `Map.get`, with no
 * re-insertion, which is what keeps a repeated stream above millions of lookups a second.
 * Holds at most `2 × ceil(capacity / 2)` entries, and never iterates: evicting from the head
 * of one big Map instead is quadratic in V8 (each eviction skips all earlier deleted slots).
 * Shared by the user-agent classifier, click enrichment and the click windows' partners
 * (which account for what a dropped generation held through `onDrop`).
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
      this.insert(key, old);
    }
    return old;
  }

  /** Stores a value. */
  set(key: string, value: V): void {
    if (this.half === 0) return;
    if (this.young.has(key)) this.young.set(key, value);
    else this.insert(key, value);
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
