/**
 * The enricher's cache of user-agent answers: per user agent, the answer without client
 * hints and the answers per distinct hints, bounded in entries *and* in the memory they hold.
 *
 * Why a memory bound: user agents may be 8 192 characters and `sec-ch-ua` values 1 024 (the
 * reader's limits), an agent keeps up to 64 hint sets, and a hostile stream can make every
 * one distinct. Counted in entries alone, 100 000 agents could hold gigabytes. So each entry
 * and each hint set is charged an estimate of its bytes (two per character, plus a fixed
 * cost for its objects), and generations are dropped past a budget (default 64 MiB). Real
 * traffic, thousands of agents of ~150 characters with a few hint sets each, stays far
 * below it. Stored strings are {@link detached} copies, so a user agent cut from a CSV line
 * does not keep the line alive.
 *
 * Why a front: every parsed row brings a fresh user-agent string, so a `Map.get` hashes all of
 * its ~130 characters each click (measured 230 ns). A direct-mapped front, its slot picked from
 * the length and eight characters and confirmed by `===` (a native compare), answers the
 * common case for a fraction of that; a miss falls through to the map, so colliding (even
 * crafted) agents cost one failed compare more, never a wrong answer. The front is emptied
 * whenever the map's generations shift, so it only ever holds young entries: a front hit is
 * a young-generation hit, and recency works as without the front.
 * @module
 */
import type { AgentFeature } from './features.js';
import { hash53 } from './hash.js';
import { detached, detachedOptional } from '../shared/detached.js';
import { sampledSlot } from '../shared/sampled-slot.js';
import { TwoGenerationCache } from '../shared/two-generation-cache.js';

/** The answer for one user agent with one set of client hints. */
export interface HintedAgent {
  /** `sec-ch-ua-platform` as logged. */
  readonly platform: string | undefined;
  /** `sec-ch-ua-mobile` as logged. */
  readonly mobile: string | undefined;
  /** The answer with these hints. */
  readonly agent: AgentFeature;
}

/** The answers for one `sec-ch-ua` value, by platform and mobile hints. */
interface HintSet {
  /** The `sec-ch-ua` value (the map's key, kept here for the memo's compare). */
  readonly hint: string;
  readonly variants: HintedAgent[];
}

/** The cached answers for one user agent: without client hints, and per distinct hints. */
export interface AgentEntry {
  /** The user agent. */
  readonly userAgent: string;
  /** `hash53` of the user agent, handed to the windows so that they hash it once per distinct agent, not per click. */
  readonly hash: number;
  /** The answer without client hints, once asked. */
  plain: AgentFeature | undefined;
  /** By `sec-ch-ua`, then the few platform/mobile pairs seen with it: no concatenated key per click. */
  hinted: Map<string, HintSet> | undefined;
  /** Hint sets (platform/mobile variants) held in `hinted`. */
  hintedCount: number;
  /** The estimated bytes charged for the entry, its hints included. */
  bytes: number;
  /** The hint set of the last hinted lookup: a user agent nearly always comes with one `sec-ch-ua`. */
  last: HintSet | undefined;
  /** False once the cache has let go of the entry: what it gains then is no longer charged. */
  cached: boolean;
}

/** Hint sets kept per user agent before its hint cache starts over. */
export const HINTS_PER_AGENT_MAX = 64;
/** Default bound on the estimated bytes the cache holds. */
export const DEFAULT_AGENT_CACHE_BYTES = 64 * 1024 * 1024;

// Estimated bytes beyond the strings: an entry (object, two map slots, its answer without
// hints), a hint set (object, array, map slot) and a variant (object, answer, frozen signal
// list, array slot; ~360 bytes measured with short strings).
const ENTRY_BYTES = 256;
const HINT_SET_BYTES = 128;
const VARIANT_BYTES = 384;

const FRONT_SLOTS = 4096;

/** Bytes of a stored string, at most (two-byte strings take two a character). */
function stringBytes(text: string | undefined): number {
  return text === undefined ? 0 : 2 * text.length;
}

/** @internal The front slot of a user agent (see `sampledSlot`). */
export function agentSlot(userAgent: string): number {
  return sampledSlot(userAgent, FRONT_SLOTS);
}

/** A bounded cache of {@link AgentEntry} by user agent. */
export class AgentCache {
  private readonly entries: TwoGenerationCache<AgentEntry>;
  private readonly front: (AgentEntry | undefined)[];
  private held = 0;

  /**
   * @param capacity - user agents held (0: none, every lookup starts afresh)
   * @param maxBytes - estimated bytes held at most
   */
  constructor(
    private readonly capacity: number,
    private readonly maxBytes = DEFAULT_AGENT_CACHE_BYTES,
  ) {
    this.front = new Array<AgentEntry | undefined>(capacity > 0 ? FRONT_SLOTS : 0).fill(undefined);
    this.entries = new TwoGenerationCache<AgentEntry>(
      capacity,
      (dropped) => {
        dropped.cached = false;
        this.held -= dropped.bytes;
      },
      () => this.front.fill(undefined),
    );
  }

  /** Estimated bytes held now. */
  get bytes(): number {
    return this.held;
  }

  /** @internal The bytes the held entries account for, summed afresh (for tests of {@link bytes}). */
  recount(): number {
    let n = 0;
    for (const e of this.entries.values()) n += e.bytes;
    return n;
  }

  /** @internal Whether every entry in the front is also held by the map. */
  frontIsHeld(): boolean {
    const held = new Set(this.entries.values());
    return this.front.every((e) => e === undefined || held.has(e));
  }

  /** The entry of a user agent, created (and cached) when new. */
  entry(userAgent: string): AgentEntry {
    if (this.capacity <= 0) return newEntry(userAgent, false);
    const slot = agentSlot(userAgent);
    const first = this.front[slot];
    if (first !== undefined && first.userAgent === userAgent) return first;
    let entry = this.entries.get(userAgent);
    if (entry === undefined) {
      entry = newEntry(detached(userAgent), true);
      this.entries.set(entry.userAgent, entry);
      // After the set, which may have shifted the generations (and emptied the front).
      this.front[slot] = entry;
      this.hold(entry.bytes);
      return entry;
    }
    this.front[slot] = entry;
    return entry;
  }

  /** The answers cached for these hints, or undefined. */
  variants(entry: AgentEntry, secChUa: string): readonly HintedAgent[] | undefined {
    // `===` first: the memo's string is usually equal, and comparing beats hashing ~70 characters.
    const last = entry.last;
    const set = last !== undefined && last.hint === secChUa ? last : entry.hinted?.get(secChUa);
    if (set !== undefined) entry.last = set;
    return set?.variants;
  }

  /** Caches an answer for a set of hints; a user agent with endless distinct hints starts over. */
  addVariant(entry: AgentEntry, secChUa: string, platform: string | undefined, mobile: string | undefined, agent: AgentFeature): void {
    entry.hinted ??= new Map();
    let set = entry.hinted.get(secChUa);
    if (entry.hintedCount >= HINTS_PER_AGENT_MAX) {
      const hints = entry.bytes - ENTRY_BYTES - stringBytes(entry.userAgent);
      entry.hinted.clear();
      entry.hintedCount = 0;
      entry.last = undefined;
      set = undefined;
      this.charge(entry, -hints);
    }
    let bytes = VARIANT_BYTES + stringBytes(platform) + stringBytes(mobile);
    if (set === undefined) {
      set = { hint: entry.cached ? detached(secChUa) : secChUa, variants: [] };
      entry.hinted.set(set.hint, set);
      bytes += HINT_SET_BYTES + stringBytes(set.hint);
    }
    set.variants.push(entry.cached ? { platform: detachedOptional(platform), mobile: detachedOptional(mobile), agent } : { platform, mobile, agent });
    entry.last = set;
    entry.hintedCount += 1;
    this.charge(entry, bytes);
  }

  /** Adds `bytes` (which may be negative) to an entry's charge, and to the total while the cache holds it. */
  private charge(entry: AgentEntry, bytes: number): void {
    entry.bytes += bytes;
    if (entry.cached) this.hold(bytes);
  }

  /** Adds `bytes` to the total held; drops generations past the budget. */
  private hold(bytes: number): void {
    this.held += bytes;
    // Dropping both generations empties the cache, so this ends under the budget.
    for (let i = 0; i < 2 && this.held > this.maxBytes; i += 1) this.entries.dropOldGeneration();
  }
}

function newEntry(userAgent: string, cached: boolean): AgentEntry {
  return { userAgent, hash: hash53(userAgent), plain: undefined, hinted: undefined, hintedCount: 0, bytes: ENTRY_BYTES + stringBytes(userAgent), last: undefined, cached };
}
