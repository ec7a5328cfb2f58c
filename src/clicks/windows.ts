/**
 * Bounded sliding windows for per-click state: clicks per IP, user agents per IP, repeated
 * click ids and fingerprints.
 *
 * Every window key includes the partner, and each partner has its own watermark (the latest
 * click time seen for it) that drives expiry. So the state a click sees depends only on the
 * earlier clicks of the same partner, in input order: a worker that receives all of a
 * partner's clicks (sharding by partner, see `hash.ts`) computes exactly what a single
 * thread computes. Memory grows with the distinct keys inside a window, capped per partner.
 *
 * Clicks are expected in roughly time order; a late click is compared with what is still
 * in its window, and never extends a window backwards. A click far behind its partner's
 * watermark (more than an hour, or two of the longest window) restarts that partner's
 * windows at its time: otherwise one far-future timestamp in the data would leave every
 * later click "late" and blind the partner's flood and duplicate counts for good.
 *
 * @module
 */
import { PartnerguardError } from '../engine/errors.js';
import type { ClickWindowFeature } from './features.js';
import { TwoGenerationCache } from '../shared/two-generation-cache.js';
import { hash32Pair, hash53 } from './hash.js';
import { blockLength, createEntry, recordClick, recorded, type Arena, type EntryLimits } from './ip-entry.js';
import { earlierInWindow, lastAfter } from './repeat-count.js';

/** Window lengths and memory bounds. */
export interface WindowConfig {
  /** Flood window (clicks per IP and partner), seconds. Default 60. */
  readonly floodWindowSeconds: number;
  /** UA-rotation window (distinct user agents per IP and partner), seconds. Default 300. */
  readonly rotationWindowSeconds: number;
  /** Duplicate window (same click id or fingerprint), seconds. Default 10. */
  readonly duplicateWindowSeconds: number;
  /** Most keys each window keeps per partner; the least recently seen key is evicted first. Default 100 000. */
  readonly maxKeysPerPartner: number;
  /** Most click times, and most duplicate fingerprints, kept per IP key (flood counts saturate here). Default 256. */
  readonly maxEventsPerKey: number;
  /** Most distinct user agents kept per IP key (rotation counts saturate here). Default 64. */
  readonly maxAgentsPerKey: number;
  /**
   * Most partners whose windows are kept (the online screener's bound on distinct partner ids):
   * partners are kept in two generations, and those not seen for about `maxPartners / 2`
   * newer partners are forgotten. Default 100 000; `Infinity` keeps every partner (the batch
   * scan does, so that N workers stay exact).
   */
  readonly maxPartners: number;
  /**
   * Most keys held across all partners: past it, the partners not seen most recently are
   * forgotten as above (the current partner always stays, so a bound below one partner's
   * `maxKeysPerPartner` is exceeded by at most that). Default 1 000 000 (roughly 150-300 MB);
   * `Infinity` for none (the batch scan).
   */
  readonly maxKeys: number;
}

/** The defaults of {@link WindowConfig}. */
export const DEFAULT_WINDOW_CONFIG: WindowConfig = Object.freeze({
  floodWindowSeconds: 60,
  rotationWindowSeconds: 300,
  duplicateWindowSeconds: 10,
  maxKeysPerPartner: 100_000,
  maxEventsPerKey: 256,
  maxAgentsPerKey: 64,
  maxPartners: 100_000,
  maxKeys: 1_000_000,
});

/** Checks a window configuration once, at setup (never per click). */
export function resolveWindowConfig(partial: Partial<WindowConfig> = {}): WindowConfig {
  const config = { ...DEFAULT_WINDOW_CONFIG, ...partial };
  const unbounded = new Set(['maxPartners', 'maxKeys']);
  for (const [key, value] of Object.entries(config)) {
    const infinite = unbounded.has(key) && value === Number.POSITIVE_INFINITY;
    if (typeof value !== 'number' || (!Number.isFinite(value) && !infinite) || value <= 0) {
      throw new PartnerguardError(`windows.${key} must be a positive number, received ${String(value)}`, 'INPUT_INVALID');
    }
  }
  for (const key of ['maxKeysPerPartner', 'maxEventsPerKey', 'maxAgentsPerKey', 'maxPartners', 'maxKeys'] as const) {
    if (!Number.isInteger(config[key]) && config[key] !== Number.POSITIVE_INFINITY) throw new PartnerguardError(`windows.${key} must be an integer, received ${config[key]}`, 'INPUT_INVALID');
  }
  return Object.freeze(config);
}

/** Slots a key table starts with, and never shrinks below. */
const MIN_SLOTS = 16;
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
class KeyTable implements Arena {
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

/**
 * Key tables that forget keys not touched for one TTL, without ever iterating: two
 * generations, rotated when the partner's watermark passes the generation's end (or early
 * when the current one reaches the key cap). A key found in the old generation is copied to
 * the current one, so a dropped key was untouched for at least one TTL.
 */
class GenTable {
  private current: KeyTable;
  private previous: KeyTable;
  private start = Number.NEGATIVE_INFINITY;
  /** The watermark of the latest `advance`: no time stored in the current generation is later. */
  private seen = Number.NEGATIVE_INFINITY;
  /** No time stored in the old generation is later than this. */
  private previousNewest = Number.NEGATIVE_INFINITY;
  /** The table holding the slot that `find` or `insert` last returned. */
  at: KeyTable;

  /**
   * @param stride - numbers per slot, the key included
   * @param refs - whether a slot's last number is the offset (+1) of a block in the table's arena (0: none)
   * @param skipStale - whether `find` may skip a stale old generation (see there)
   */
  constructor(
    private readonly stride: number,
    private readonly refs: boolean,
    private readonly ttlMs: number,
    private readonly maxKeys: number,
    private readonly skipStale: boolean,
  ) {
    this.current = new KeyTable(stride, MIN_SLOTS);
    this.previous = new KeyTable(stride, MIN_SLOTS);
    this.at = this.current;
  }

  /** Keys held; a key copied forward also still counts in the old generation until it is dropped. */
  get size(): number {
    return this.current.size + this.previous.size;
  }

  /** Advances time; drops the old generation once it is a full TTL behind. */
  advance(watermark: number): void {
    if (this.start === Number.NEGATIVE_INFINITY) this.start = watermark;
    else if (watermark - this.start >= this.ttlMs) this.rotate(watermark);
    this.seen = watermark;
  }

  /**
   * The offset of `key`'s slot in `this.at.data` for a click at `t`, or -1. With `skipStale`,
   * when everything in the old generation is more than a TTL older than `t`, the old generation
   * is not searched. That is exact only for a table whose stale key a fresh insert reproduces
   * (click ids: count 1, last seen now), not for addresses: their user agents outlive the
   * window (a late click reaches back to them, and their order decides which one the cap
   * drops). For click ids it matters: most partners click less often than the 10-second
   * duplicate window, and the search was a cache miss on a table untouched since the
   * partner's last click.
   */
  find(key: number, t: number): number {
    const hot = this.current.find(key);
    if (hot !== -1) {
      this.at = this.current;
      return hot;
    }
    if (this.skipStale && this.previousNewest < t - this.ttlMs) return -1;
    const old = this.previous;
    const cold = old.find(key);
    if (cold === -1) return -1;
    const copied = this.current.insert(key);
    const data = this.current.data;
    for (let j = 1; j < this.stride; j += 1) data[copied + j] = old.data[cold + j]!;
    const ref = old.data[cold + this.stride - 1]!;
    if (this.refs && ref > 0) {
      const from = ref - 1;
      const length = blockLength(old.arena, from);
      const to = this.current.alloc(length);
      this.current.arena.set(old.arena.subarray(from, from + length), to);
      data[copied + this.stride - 1] = to + 1;
    }
    return this.placed(copied);
  }

  /** Adds `key` (not present) with zeroed values; returns its offset in `this.at.data`. */
  insert(key: number): number {
    return this.placed(this.current.insert(key));
  }

  private placed(offset: number): number {
    this.at = this.current;
    // The cap bounds memory under a flood of distinct keys; it rotates early, which forgets
    // the older generation, deterministically for a given partner's click sequence.
    if (this.current.size >= this.maxKeys) this.rotate(this.start);
    return offset;
  }

  private rotate(now: number): void {
    this.previousNewest = this.seen;
    const reused = this.previous;
    this.previous = this.current;
    reused.clear(this.previous.size);
    this.current = reused;
    this.start = now;
  }
}

// Slot layouts. IP keys: [key, first click time, its agent hash, its fingerprint rest, block ref].
// A key's first click lives in its slot only (most addresses click once per window); the
// second one moves its state to a block in the table's arena (see `ip-entry.ts`).
const IP_STRIDE = 5;
const IP_TIME = 1;
const IP_AGENT = 2;
const IP_REST = 3;
const IP_REF = 4;
// Click-id keys: [key, last seen, count].
const ID_STRIDE = 3;
const ID_LAST = 1;
const ID_COUNT = 2;

class PartnerWindows {
  watermark = Number.NEGATIVE_INFINITY;
  readonly ips: GenTable;
  readonly ids: GenTable;

  constructor(config: WindowConfig) {
    // The IP entry carries the duplicate fingerprints too, so it lives as long as the longest window.
    const ipTtl = Math.max(config.floodWindowSeconds, config.rotationWindowSeconds, config.duplicateWindowSeconds) * 1000;
    this.ips = new GenTable(IP_STRIDE, true, ipTtl, config.maxKeysPerPartner, false);
    this.ids = new GenTable(ID_STRIDE, false, config.duplicateWindowSeconds * 1000, config.maxKeysPerPartner, true);
  }

  advance(t: number): void {
    if (t > this.watermark) this.watermark = t;
    this.ips.advance(this.watermark);
    this.ids.advance(this.watermark);
  }

  keys(): number {
    return this.ips.size + this.ids.size;
  }
}

/** The fields of a click the windows key on. */
export interface WindowedClick {
  /** The click id. */
  readonly clickId: string;
  /** Epoch milliseconds. */
  readonly timestamp: number;
  /** The partner. */
  readonly partnerId: string;
  /** The client address. */
  readonly ip: string;
  /** The user agent. */
  readonly userAgent: string;
  /** The sub id, if any. */
  readonly subId?: string | undefined;
  /** The landing URL, if any. */
  readonly landingUrl?: string | undefined;
}

/**
 * All partners' windows. Not thread-safe by design: one instance per screener or shard.
 *
 * Keys (addresses, click ids, fingerprints) are held as 53-bit hashes, not strings: two keys
 * of one partner's window would have to collide for a count to be off, a chance of the order
 * of 1e-9 per window generation even at the 100 000-key cap.
 */
export class ClickWindows {
  // Partners in two generations: the old one is dropped when the young one holds
  // maxPartners / 2, or when the keys held run over maxKeys.
  private readonly partners: TwoGenerationCache<PartnerWindows>;
  /** Whether `maxKeys` is finite: only then are keys counted (two size reads a click). */
  private readonly countKeys: boolean;
  private keysHeld = 0;
  private readonly restartMs: number;
  private readonly duplicateMs: number;
  private readonly limits: EntryLimits;
  /** `hash53` of the address of the click last observed, for callers that count addresses too. */
  lastAddressHash = 0;
  /** `hash53` of the click id of the click last observed, for callers that look click ids up too. */
  lastClickIdHash = 0;

  /** @param config - window lengths and bounds, already resolved. */
  constructor(readonly config: WindowConfig) {
    this.duplicateMs = config.duplicateWindowSeconds * 1000;
    this.limits = {
      floodMs: config.floodWindowSeconds * 1000,
      rotationMs: config.rotationWindowSeconds * 1000,
      duplicateMs: this.duplicateMs,
      maxEvents: config.maxEventsPerKey,
      maxAgents: config.maxAgentsPerKey,
    };
    this.partners = new TwoGenerationCache(config.maxPartners, (dropped) => {
      if (this.countKeys) this.keysHeld -= dropped.keys();
    });
    this.restartMs = Math.max(3_600_000, 2000 * Math.max(config.floodWindowSeconds, config.rotationWindowSeconds, config.duplicateWindowSeconds));
    this.countKeys = Number.isFinite(config.maxKeys);
  }

  /** Keys held across all partners' windows (for memory reporting and tests). */
  get size(): number {
    let n = 0;
    for (const w of this.partners.values()) n += w.keys();
    return n;
  }

  /** Partners whose windows are held. */
  get partnerCount(): number {
    return this.partners.size;
  }

  private windowsOf(partnerId: string): PartnerWindows {
    let w = this.partners.get(partnerId);
    if (w === undefined) {
      w = new PartnerWindows(this.config);
      this.partners.set(partnerId, w);
    }
    return w;
  }

  /** A partner's windows started afresh (see the module comment); `windowsOf` has put the partner in the young generation. */
  private restart(partnerId: string, stale: PartnerWindows): PartnerWindows {
    const fresh = new PartnerWindows(this.config);
    if (this.countKeys) this.keysHeld -= stale.keys();
    this.partners.set(partnerId, fresh);
    return fresh;
  }

  /**
   * Records a click and returns what the windows held for it, the click itself included.
   * `agentHash` is `hash53(click.userAgent)`, which a caller with a user-agent cache already has.
   */
  observe(click: WindowedClick, agentHash: number = hash53(click.userAgent)): ClickWindowFeature {
    let w = this.windowsOf(click.partnerId);
    if (click.timestamp < w.watermark - this.restartMs) w = this.restart(click.partnerId, w);
    if (!this.countKeys) return this.record(w, click, agentHash);
    const before = w.keys();
    const feature = this.record(w, click, agentHash);
    this.keysHeld += w.keys() - before;
    if (this.keysHeld > this.config.maxKeys) this.partners.dropOldGeneration();
    return feature;
  }

  private record(w: PartnerWindows, click: WindowedClick, agentHash: number): ClickWindowFeature {
    const t = click.timestamp;
    w.advance(t);
    const wm = w.watermark;
    const idKey = hash53(click.clickId);
    this.lastClickIdHash = idKey;
    const sameClickId = this.bumpId(w.ids, idKey, t);
    const rest = hash32Pair(click.subId, click.landingUrl);

    const ips = w.ips;
    const ipKey = hash53(click.ip);
    this.lastAddressHash = ipKey;
    const found = ips.find(ipKey, t);
    if (found === -1) {
      // A first click from the address: one click, one user agent, no earlier fingerprint.
      const at = ips.insert(ipKey);
      const data = ips.at.data;
      data[at + IP_TIME] = t;
      data[at + IP_AGENT] = agentHash;
      data[at + IP_REST] = rest;
      return this.feature(1, 1, sameClickId, 0);
    }
    const table = ips.at;
    const data = table.data;
    const ref = data[found + IP_REF]!;
    const entry = ref === 0 ? createEntry(table, data[found + IP_TIME]!, data[found + IP_AGENT]!, data[found + IP_REST]!) : ref - 1;
    recordClick(table, entry, t, wm, agentHash, rest, this.limits);
    data[found + IP_REF] = recorded.offset + 1;
    return this.feature(recorded.clicks, recorded.agents, sameClickId, recorded.sameFingerprint);
  }

  private feature(ipPartnerClicks: number, ipUserAgents: number, sameClickId: number, sameFingerprint: number): ClickWindowFeature {
    return {
      ipPartnerClicks,
      floodWindowSeconds: this.config.floodWindowSeconds,
      ipUserAgents,
      rotationWindowSeconds: this.config.rotationWindowSeconds,
      sameClickId,
      sameFingerprint,
      duplicateWindowSeconds: this.config.duplicateWindowSeconds,
    };
  }

  /** Earlier sightings of a click id in the duplicate window (0 when its last one is outside: counting restarts); records this one. */
  private bumpId(ids: GenTable, key: number, t: number): number {
    const found = ids.find(key, t);
    if (found === -1) {
      const at = ids.insert(key);
      const data = ids.at.data;
      data[at + ID_LAST] = t;
      data[at + ID_COUNT] = 1;
      return 0;
    }
    const data = ids.at.data;
    const last = data[found + ID_LAST]!;
    const earlier = earlierInWindow(last, data[found + ID_COUNT]!, t, this.duplicateMs);
    data[found + ID_COUNT] = earlier + 1;
    data[found + ID_LAST] = lastAfter(last, t, earlier);
    return earlier;
  }
}
