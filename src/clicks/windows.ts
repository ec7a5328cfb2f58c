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
 * in its window, and never extends a window backwards.
 *
 * @module
 */
import { PartnerguardError } from '../engine/errors.js';
import type { ClickWindowFeature } from './features.js';
import { hash32 } from './hash.js';

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
}

/** The defaults of {@link WindowConfig}. */
export const DEFAULT_WINDOW_CONFIG: WindowConfig = Object.freeze({
  floodWindowSeconds: 60,
  rotationWindowSeconds: 300,
  duplicateWindowSeconds: 10,
  maxKeysPerPartner: 100_000,
  maxEventsPerKey: 256,
  maxAgentsPerKey: 64,
});

/** Checks a window configuration once, at setup (never per click). */
export function resolveWindowConfig(partial: Partial<WindowConfig> = {}): WindowConfig {
  const config = { ...DEFAULT_WINDOW_CONFIG, ...partial };
  for (const [key, value] of Object.entries(config)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new PartnerguardError(`windows.${key} must be a positive number, received ${String(value)}`, 'INPUT_INVALID');
    }
  }
  for (const key of ['maxKeysPerPartner', 'maxEventsPerKey', 'maxAgentsPerKey'] as const) {
    if (!Number.isInteger(config[key])) throw new PartnerguardError(`windows.${key} must be an integer, received ${config[key]}`, 'INPUT_INVALID');
  }
  return Object.freeze(config);
}

/**
 * A key → value map that forgets keys not touched for one TTL, without ever iterating:
 * two generations, rotated when the partner's watermark passes the generation's end (or
 * early when the current one reaches the key cap). A touched key moves to the current
 * generation, so a dropped key was untouched for at least one TTL. (Deleting from the head of
 * one big Map and iterating it again is quadratic in V8: deleted slots are skipped one by one.)
 */
class GenMap<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();
  private start = Number.NEGATIVE_INFINITY;
  constructor(private readonly ttlMs: number, private readonly maxKeys: number) {}

  get size(): number {
    return this.current.size + this.previous.size;
  }

  /** Advances time; drops the old generation once it is a full TTL behind. */
  advance(watermark: number): void {
    if (this.start === Number.NEGATIVE_INFINITY) this.start = watermark;
    else if (watermark - this.start >= this.ttlMs) this.rotate(watermark);
  }

  get(key: string): V | undefined {
    const hot = this.current.get(key);
    if (hot !== undefined) return hot;
    const cold = this.previous.get(key);
    if (cold !== undefined) {
      this.previous.delete(key);
      this.put(key, cold);
    }
    return cold;
  }

  put(key: string, value: V): void {
    this.current.set(key, value);
    // The cap bounds memory under a flood of distinct keys; it rotates early, which forgets
    // the older half, deterministically for a given partner's click sequence.
    if (this.current.size >= this.maxKeys) this.rotate(this.start);
  }

  private rotate(now: number): void {
    this.previous = this.current;
    this.current = new Map();
    this.start = now;
  }
}

/** A duplicate fingerprint seen from one IP: the rest of the key (user agent, sub id, landing URL) and its count. */
interface PrintEntry {
  readonly uaHash: number;
  readonly userAgent: string;
  readonly subId: string | undefined;
  readonly landingUrl: string | undefined;
  last: number;
  count: number;
}

/**
 * What the windows hold per (partner, IP). Fingerprints start with the IP, so they live here
 * too: a click looks up one map entry for flood, rotation and duplicate state instead of
 * building and hashing a long fingerprint key in a map of its own.
 */
class IpEntry {
  /** Click times inside the flood window, in arrival order. */
  readonly times: number[];
  /** User-agent hashes seen from the address and when each was last seen, as pairs, least recently seen first. */
  readonly agents: number[];
  /** Fingerprints seen in the duplicate window, oldest first. */
  readonly prints: PrintEntry[];

  // Most addresses click once per window, and their entries outlive the young generation:
  // arrays sized to the first click (not to a default capacity) are most of what the
  // collector then copies.
  constructor(t: number, uaHash: number, print: PrintEntry) {
    this.times = [t];
    this.agents = [uaHash, t];
    this.prints = [print];
  }
}

interface CountEntry {
  last: number;
  count: number;
}

class PartnerWindows {
  watermark = Number.NEGATIVE_INFINITY;
  readonly ips: GenMap<IpEntry>;
  readonly ids: GenMap<CountEntry>;

  constructor(config: WindowConfig) {
    // The IP entry carries the duplicate fingerprints too, so it lives as long as the longest window.
    const ipTtl = Math.max(config.floodWindowSeconds, config.rotationWindowSeconds, config.duplicateWindowSeconds) * 1000;
    this.ips = new GenMap(ipTtl, config.maxKeysPerPartner);
    this.ids = new GenMap(config.duplicateWindowSeconds * 1000, config.maxKeysPerPartner);
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

/** A user agent as a long-lived cache holds it: `hash32` of the text, and the text. */
export interface KnownAgent {
  /** `hash32(userAgent)`. */
  readonly hash: number;
  /** The user agent, equal to the click's. */
  readonly userAgent: string;
}

/** All partners' windows. Not thread-safe by design: one instance per screener or shard. */
export class ClickWindows {
  private readonly partners = new Map<string, PartnerWindows>();
  private readonly floodMs: number;
  private readonly rotationMs: number;
  private readonly duplicateMs: number;

  /** @param config - window lengths and bounds, already resolved. */
  constructor(readonly config: WindowConfig) {
    this.floodMs = config.floodWindowSeconds * 1000;
    this.rotationMs = config.rotationWindowSeconds * 1000;
    this.duplicateMs = config.duplicateWindowSeconds * 1000;
  }

  /** Keys held across all partners' windows (for memory reporting and tests). */
  get size(): number {
    let n = 0;
    for (const w of this.partners.values()) n += w.keys();
    return n;
  }

  /**
   * Records a click and returns what the windows held for it, the click itself included.
   * `agent` is the click's user agent as the screener's user-agent cache holds it: its
   * `hash32` and one long-lived copy of the text, which the windows keep instead of the
   * click's own (so a window entry does not hold on to a fresh string per click). Without
   * it, both come from the click.
   */
  observe(click: WindowedClick, agent?: KnownAgent): ClickWindowFeature {
    let w = this.partners.get(click.partnerId);
    if (w === undefined) {
      w = new PartnerWindows(this.config);
      this.partners.set(click.partnerId, w);
    }
    const t = click.timestamp;
    w.advance(t);
    const wm = w.watermark;
    // Without the cache's copy, the click's own text is kept (only callers outside the screener).
    const known = agent ?? { hash: hash32(click.userAgent), userAgent: click.userAgent };
    const ua = known.hash;
    const sameClickId = bump(w.ids, click.clickId, t, this.duplicateMs);

    const ip = w.ips.get(click.ip);
    if (ip === undefined) {
      // A first click from the address: one click, one user agent, no earlier fingerprint.
      w.ips.put(click.ip, new IpEntry(t, ua, printOf(click, known, t)));
      return this.feature(1, 1, sameClickId, 0);
    }

    // Flood: click times per IP within the flood window; times behind the watermark's window
    // can never count again, so they are dropped first.
    const times = ip.times;
    let drop = 0;
    while (drop < times.length && times[drop]! < wm - this.floodMs) drop += 1;
    if (drop > 0) times.splice(0, drop);
    times.push(t);
    if (times.length > this.config.maxEventsPerKey) times.shift();
    const from = t - this.floodMs;
    let ipPartnerClicks = 0;
    for (const x of times) if (x >= from && x <= t) ipPartnerClicks += 1;

    // Rotation: distinct user agents (hashed, to keep memory per key small) in the window.
    const agents = ip.agents;
    let at = -1;
    for (let i = 0; i < agents.length; i += 2) {
      if (agents[i] === ua) {
        at = i;
        break;
      }
    }
    if (at === -1) {
      agents.push(ua, t);
      if (agents.length > 2 * this.config.maxAgentsPerKey) agents.splice(0, 2);
    } else if (t > agents[at + 1]!) {
      agents[at + 1] = t;
    }
    let ipUserAgents = 0;
    const rotationFrom = t - this.rotationMs;
    for (let i = 1; i < agents.length; i += 2) if (agents[i]! >= rotationFrom) ipUserAgents += 1;

    const sameFingerprint = this.bumpPrint(ip, click, known, t, wm);
    return this.feature(ipPartnerClicks, ipUserAgents, sameClickId, sameFingerprint);
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

  /** Earlier clicks from the IP with the same user agent, sub id and landing URL in the duplicate window; records this one. */
  private bumpPrint(ip: IpEntry, click: WindowedClick, agent: KnownAgent, t: number, wm: number): number {
    const prints = ip.prints;
    // As the map windows do: a fingerprint untouched for a whole window behind the watermark is forgotten.
    let drop = 0;
    while (drop < prints.length && prints[drop]!.last < wm - this.duplicateMs) drop += 1;
    if (drop > 0) prints.splice(0, drop);
    for (let i = 0; i < prints.length; i += 1) {
      const p = prints[i]!;
      if (p.uaHash !== agent.hash || p.userAgent !== click.userAgent || p.subId !== click.subId || p.landingUrl !== click.landingUrl) continue;
      const earlier = recount(p, t, this.duplicateMs);
      if (earlier > 0) {
        // Most recently seen last, so the oldest are dropped first.
        prints.splice(i, 1);
        prints.push(p);
      }
      return earlier;
    }
    prints.push(printOf(click, agent, t));
    if (prints.length > this.config.maxEventsPerKey) prints.shift();
    return 0;
  }
}

/** A first fingerprint, keeping `agent`'s copy of the user agent. */
function printOf(click: WindowedClick, agent: KnownAgent, t: number): PrintEntry {
  return { uaHash: agent.hash, userAgent: agent.userAgent, subId: click.subId, landingUrl: click.landingUrl, last: t, count: 1 };
}

/** Counts earlier events of `key` still inside the window, then records this one. */
function bump(map: GenMap<CountEntry>, key: string, t: number, windowMs: number): number {
  const entry = map.get(key);
  if (entry === undefined) {
    map.put(key, { last: t, count: 1 });
    return 0;
  }
  return recount(entry, t, windowMs);
}

/** Earlier events of a seen key still inside the window (0 when its last one is outside: counting restarts); records this one. */
function recount(entry: CountEntry, t: number, windowMs: number): number {
  if (Math.abs(t - entry.last) > windowMs) {
    entry.last = t;
    entry.count = 1;
    return 0;
  }
  const earlier = entry.count;
  entry.count += 1;
  if (t > entry.last) entry.last = t;
  return earlier;
}
