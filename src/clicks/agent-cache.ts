/**
 * The enricher's cache of user-agent answers: per user agent, the answer without client
 * hints and the answers per distinct hints, bounded in entries *and* in characters held.
 *
 * Why a character bound: user agents may be 8 192 characters and `sec-ch-ua` values 1 024
 * (the reader's limits), and a hostile stream can make every one distinct. Counted in entries
 * alone, 100 000 agents with 64 hint sets each could hold gigabytes; the character budget keeps
 * the worst case to tens of megabytes, while real traffic (thousands of agents of ~150
 * characters) stays far below it and never notices.
 *
 * Why a front: every parsed row brings a fresh user-agent string, so a `Map.get` hashes all of
 * its ~130 characters each click (measured 230 ns). A direct-mapped front, its slot picked from
 * the length and eight characters and confirmed by `===` (a native compare), answers the
 * common case for a fraction of that; a miss falls through to the map, so colliding (even
 * crafted) agents cost one failed compare more, never a wrong answer.
 * @module
 */
import type { AgentFeature } from './features.js';
import { hash53 } from './hash.js';
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

/** The cached answers for one user agent: without client hints, and per distinct hints. */
export interface AgentEntry {
  /** The user agent. */
  readonly userAgent: string;
  /** `hash53` of the user agent, handed to the windows so that they hash it once per distinct agent, not per click. */
  readonly hash: number;
  /** The answer without client hints, once asked. */
  plain: AgentFeature | undefined;
  /** By `sec-ch-ua`, then the few platform/mobile pairs seen with it: no concatenated key per click. */
  hinted: Map<string, HintedAgent[]> | undefined;
  /** Hint sets in `hinted`. */
  hintedCount: number;
  /** Characters of the hints held in `hinted`. */
  hintChars: number;
  /** The `sec-ch-ua` of the last hinted lookup and its variants: a user agent nearly always comes with one. */
  lastHint: string | undefined;
  /** The variants of `lastHint`. */
  lastVariants: HintedAgent[] | undefined;
  /** False once the cache has let go of the entry: its hints are then no longer counted. */
  cached: boolean;
}

/** Hint sets kept per user agent before its hint cache starts over. */
export const HINTS_PER_AGENT_MAX = 64;
/** Default bound on the characters of user agents and hints held (about 32 MB of one-byte strings). */
export const DEFAULT_AGENT_CACHE_CHARS = 32 * 1024 * 1024;

const FRONT_SLOTS = 4096;

/** @internal The front slot of a user agent: its length and eight characters spread along it. */
export function agentSlot(userAgent: string): number {
  const n = userAgent.length;
  let h = n;
  // charCodeAt past the end (an empty agent) is NaN, which `^` reads as 0.
  for (let k = 0; k < 8; k += 1) h = Math.imul(h ^ userAgent.charCodeAt((n * k) >> 3), 0x9e3779b1);
  return (h ^ (h >>> 16)) & (FRONT_SLOTS - 1);
}

/** A bounded cache of {@link AgentEntry} by user agent. */
export class AgentCache {
  private readonly entries: TwoGenerationCache<AgentEntry>;
  // Holds only entries the map holds too (a dropped entry leaves its slot), so the
  // character count covers the front as well.
  private readonly front: (AgentEntry | undefined)[];
  private held = 0;

  /**
   * @param capacity - user agents held (0: none, every lookup starts afresh)
   * @param maxChars - characters of user agents and hints held at most
   */
  constructor(
    private readonly capacity: number,
    private readonly maxChars = DEFAULT_AGENT_CACHE_CHARS,
  ) {
    this.front = new Array<AgentEntry | undefined>(capacity > 0 ? FRONT_SLOTS : 0).fill(undefined);
    this.entries = new TwoGenerationCache<AgentEntry>(capacity, (dropped) => {
      dropped.cached = false;
      this.held -= dropped.userAgent.length + dropped.hintChars;
      const slot = agentSlot(dropped.userAgent);
      if (this.front[slot] === dropped) this.front[slot] = undefined;
    });
  }

  /** Characters of user agents and hints held now. */
  get chars(): number {
    return this.held;
  }

  /** @internal The characters the held entries account for, counted afresh (for tests of {@link chars}). */
  recount(): number {
    let n = 0;
    for (const e of this.entries.values()) n += e.userAgent.length + e.hintChars;
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
      entry = newEntry(userAgent, true);
      this.entries.set(userAgent, entry);
      // The set may have dropped a generation (and with it the front slot): fill it after.
      this.front[slot] = entry;
      this.charge(userAgent.length);
      return entry;
    }
    this.front[slot] = entry;
    return entry;
  }

  /** The answers cached for these hints, or undefined. */
  variants(entry: AgentEntry, secChUa: string): HintedAgent[] | undefined {
    if (entry.hinted === undefined) return undefined;
    // `===` first: the memo's string is usually equal, and comparing beats hashing ~70 characters.
    const variants = secChUa === entry.lastHint ? entry.lastVariants : entry.hinted.get(secChUa);
    if (variants !== undefined) {
      entry.lastHint = secChUa;
      entry.lastVariants = variants;
    }
    return variants;
  }

  /** Caches an answer for a set of hints; a user agent with endless distinct hints starts over. */
  addVariant(entry: AgentEntry, secChUa: string, variant: HintedAgent): void {
    entry.hinted ??= new Map();
    let variants = entry.hinted.get(secChUa);
    if (entry.hintedCount >= HINTS_PER_AGENT_MAX) {
      if (entry.cached) this.held -= entry.hintChars;
      entry.hinted.clear();
      entry.hintedCount = 0;
      entry.hintChars = 0;
      variants = undefined;
    }
    let chars = (variant.platform?.length ?? 0) + (variant.mobile?.length ?? 0);
    if (variants === undefined) {
      variants = [];
      entry.hinted.set(secChUa, variants);
      chars += secChUa.length;
    }
    entry.lastHint = secChUa;
    entry.lastVariants = variants;
    variants.push(variant);
    entry.hintedCount += 1;
    entry.hintChars += chars;
    if (entry.cached) this.charge(chars);
  }

  private charge(chars: number): void {
    this.held += chars;
    // Dropping both generations empties the cache, so this ends under the budget.
    for (let i = 0; i < 2 && this.held > this.maxChars; i += 1) this.entries.dropOldGeneration();
  }
}

function newEntry(userAgent: string, cached: boolean): AgentEntry {
  return { userAgent, hash: hash53(userAgent), plain: undefined, hinted: undefined, hintedCount: 0, hintChars: 0, lastHint: undefined, lastVariants: undefined, cached };
}
