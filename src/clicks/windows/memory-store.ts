/**
 * The in-memory window store: bounded sliding windows for per-click state (clicks per IP,
 * user agents per IP, repeated click ids and fingerprints) in this process.
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

import type { ClickWindowFeature } from '../features.js';
import { TwoGenerationCache } from '../../shared/two-generation-cache.js';
import { hash32Pair } from '../hash.js';
import type { WindowConfig } from './config.js';
import { GenTable } from './gen-table.js';
import { createEntry, recordClick, type EntryLimits } from './ip-entry.js';
import { earlierInWindow, lastAfter } from './repeat-count.js';
import type { WindowKeys, WindowStore, WindowedClick } from './store.js';
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

/**
 * All partners' windows, in memory. Not thread-safe by design: one instance per screener or shard.
 *
 * Keys (addresses, click ids, fingerprints) are held as 53-bit hashes, not strings: two keys
 * of one partner's window would have to collide for a count to be off, a chance of the order
 * of 1e-9 per window generation even at the 100 000-key cap.
 */
export class MemoryWindowStore implements WindowStore {
  // Partners in two generations: the old one is dropped when the young one holds
  // maxPartners / 2, or when the keys held run over maxKeys.
  private readonly partners: TwoGenerationCache<PartnerWindows>;
  /** Whether `maxKeys` is finite: only then are keys counted (two size reads a click). */
  private readonly countKeys: boolean;
  private keysHeld = 0;
  private readonly restartMs: number;
  private readonly duplicateMs: number;
  private readonly limits: EntryLimits;

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

  /** Records a click and returns what the windows held for it, the click itself included. */
  observe(click: WindowedClick, keys: WindowKeys): ClickWindowFeature {
    let w = this.windowsOf(click.partnerId);
    if (click.timestamp < w.watermark - this.restartMs) w = this.restart(click.partnerId, w);
    if (!this.countKeys) return this.record(w, click, keys);
    const before = w.keys();
    const feature = this.record(w, click, keys);
    this.keysHeld += w.keys() - before;
    if (this.keysHeld > this.config.maxKeys) this.partners.dropOldGeneration();
    return feature;
  }

  private record(w: PartnerWindows, click: WindowedClick, keys: WindowKeys): ClickWindowFeature {
    const t = click.timestamp;
    w.advance(t);
    const wm = w.watermark;
    const agentHash = keys.agent;
    const sameClickId = this.bumpId(w.ids, keys.clickId, t);
    const rest = hash32Pair(click.subId, click.landingUrl);

    const ips = w.ips;
    const ipKey = keys.address;
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
    const recorded = recordClick(table, entry, t, wm, agentHash, rest, this.limits);
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
