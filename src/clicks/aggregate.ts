/**
 * Mergeable per-partner aggregates: integer counts, fixed-bin histograms and distinct-count
 * sketches, nothing that depends on input order or on how the input was split. Partner rules
 * read only these (through `PartnerFeatures`), so a scan split across workers (or, later,
 * machines) merges to exactly the single-process result.
 *
 * Every piece of state is plain structured-cloneable data (numbers, records, Sets, Maps,
 * Uint8Arrays) so worker threads can post it as is. Money is summed in integer cents so that
 * merging never meets floating-point reordering.
 *
 * @module
 */
import type { ClickAction } from '../engine/actions.js';
import type { ClickFeatures } from './features.js';
import type { Evaluation } from '../engine/evaluate.js';
import { detached } from '../shared/detached.js';
import { hash53 } from './hash.js';
import { addDistinctHash, createDistinct, mergeDistinct, type DistinctState } from './stats/distinct.js';
import type { Conversion } from './types.js';

/** Upper edges (seconds) of the click-to-conversion histogram bins; the last bin is open-ended. */
export const CTIT_EDGES: readonly number[] = Object.freeze([
  1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14_400, 28_800, 43_200, 86_400, 172_800, 259_200, 604_800, 1_209_600, 2_592_000,
]);

/** Bin index of a click-to-conversion time in seconds (binary search over {@link CTIT_EDGES}). */
export function ctitBin(seconds: number): number {
  let lo = 0;
  let hi = CTIT_EDGES.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (seconds < CTIT_EDGES[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** One partner's aggregates over a scan. Mutable while scanning; merged with {@link mergePartnerStats}. */
export interface PartnerStats {
  /** The partner. */
  partnerId: string;
  /** Accepted clicks. */
  clicks: number;
  /**
   * Earliest click time (ms); `Infinity` before the first click. Never null: a field that
   * starts as null stores each new time as a fresh heap number (an allocation, and an
   * old-to-young pointer for the collector, per click), where a field that starts as a number
   * is updated in place.
   */
  firstClickAt: number;
  /** Latest click time (ms); `-Infinity` before the first click. */
  lastClickAt: number;
  /** Click verdicts by action. */
  clickActions: Record<ClickAction, number>;
  /** Clicks hit by each click rule (live hits only). */
  hitsByRule: Record<string, number>;
  /** Clicks from bot user agents, by bot category (from the signal, whatever the rule weights). */
  botCategories: Record<string, number>;
  /** Clicks by IP network kind (`hosting`, `tor`, `unknown`…). */
  networks: Record<string, number>;
  /** Clicks whose `sec-fetch-*` headers were logged (the no-activation denominator). */
  activationLogged: number;
  /** Distinct click IPs. */
  ips: DistinctState;
  /** Conversions credited to the partner. */
  conversions: number;
  /** Conversions by status (`approved`, `pending`, `refunded`, `chargeback`, `unknown`). */
  conversionStatus: Record<string, number>;
  /** Revenue of conversions not refunded or charged back, in integer cents. */
  revenueCents: number;
  /** Conversions whose click time was known (given or joined). */
  ctitCount: number;
  /** Conversions whose click time was after the conversion (bad data, not binned). */
  ctitNegative: number;
  /** Click-to-conversion histogram over {@link CTIT_EDGES}. */
  ctitBins: number[];
}

/** The aggregates of a whole scan (or of one shard of it). */
export interface ScanAggregate {
  /** Per-partner aggregates. */
  partners: Map<string, PartnerStats>;
  /** Converting IP (`ip:…`) or device (`dev:…`) → the partners it converted for. */
  converters: Map<string, Set<string>>;
  /** (key, partner) pairs in `converters`, bounded by `maxConverterPairs`. */
  converterPairs: number;
  /** Pairs not recorded because the bound was reached (then worker equality is no longer guaranteed). */
  converterOverflow: number;
}

/** Upper bound on (converter key, partner) pairs kept for the shared-converter rule. */
export const MAX_CONVERTER_PAIRS = 5_000_000;

/** An empty partner aggregate. */
export function createPartnerStats(partnerId: string): PartnerStats {
  return {
    partnerId,
    clicks: 0,
    firstClickAt: Number.POSITIVE_INFINITY,
    lastClickAt: Number.NEGATIVE_INFINITY,
    clickActions: { allow: 0, flag: 0, block: 0 },
    hitsByRule: {},
    botCategories: {},
    networks: {},
    activationLogged: 0,
    ips: createDistinct(),
    conversions: 0,
    conversionStatus: {},
    revenueCents: 0,
    ctitCount: 0,
    ctitNegative: 0,
    ctitBins: new Array<number>(CTIT_EDGES.length + 1).fill(0),
  };
}

/** An empty scan aggregate. */
export function createScanAggregate(): ScanAggregate {
  return { partners: new Map(), converters: new Map(), converterPairs: 0, converterOverflow: 0 };
}

function statsFor(aggregate: ScanAggregate, partnerId: string): PartnerStats {
  let stats = aggregate.partners.get(partnerId);
  if (stats === undefined) {
    const id = detached(partnerId);
    stats = createPartnerStats(id);
    aggregate.partners.set(id, stats);
  }
  return stats;
}

function bump(record: Record<string, number>, key: string, by = 1): void {
  record[key] = (record[key] ?? 0) + by;
}

/**
 * Adds one scored click. `addressHash` is `hash53(features.address)` when the caller has it
 * (the windows compute it for every click): hashing the address again was a tenth of the
 * aggregation.
 */
export function addClick(aggregate: ScanAggregate, features: ClickFeatures, verdict: Evaluation<'click'>, addressHash: number = hash53(features.address)): void {
  const s = statsFor(aggregate, features.partnerId);
  s.clicks += 1;
  const t = features.timestamp;
  if (t < s.firstClickAt) s.firstClickAt = t;
  if (t > s.lastClickAt) s.lastClickAt = t;
  s.clickActions[verdict.action] += 1;
  // One count per rule per click, even when a rule returns several hits.
  let previous = '';
  for (const hit of verdict.hits) {
    if (hit.rule !== previous) bump(s.hitsByRule, hit.rule);
    previous = hit.rule;
  }
  if (features.agent.kind === 'bot') bump(s.botCategories, features.agent.category ?? 'other-bot');
  bump(s.networks, features.ip.valid ? features.ip.network : 'invalid');
  if (features.activation.logged) s.activationLogged += 1;
  addDistinctHash(s.ips, addressHash);
}

/** What the scan learned about a conversion's click. */
export interface JoinedClick {
  /** The click's time (ms). */
  readonly timestamp: number;
  /** The click's address. */
  readonly ip: string;
  /** The click's device id, if any. */
  readonly deviceId: string | undefined;
}

/** Adds one conversion, with its click when the scan saw it. */
export function addConversion(aggregate: ScanAggregate, conversion: Conversion, click: JoinedClick | undefined): void {
  const s = statsFor(aggregate, conversion.partnerId);
  s.conversions += 1;
  const status = conversion.status ?? 'unknown';
  bump(s.conversionStatus, status);
  if (conversion.amount !== undefined && status !== 'refunded' && status !== 'chargeback') s.revenueCents += Math.round(conversion.amount * 100);
  const clickTime = conversion.clickTime ?? click?.timestamp;
  if (clickTime !== undefined) {
    const seconds = (conversion.timestamp - clickTime) / 1000;
    if (seconds < 0) s.ctitNegative += 1;
    else {
      s.ctitCount += 1;
      s.ctitBins[ctitBin(seconds)]! += 1;
    }
  }
  const ip = conversion.ip ?? click?.ip;
  const device = conversion.deviceId ?? click?.deviceId;
  if (ip !== undefined && ip !== '') addConverter(aggregate, `ip:${ip}`, conversion.partnerId);
  if (device !== undefined && device !== '') addConverter(aggregate, `dev:${device}`, conversion.partnerId);
}

function addConverter(aggregate: ScanAggregate, key: string, partnerId: string): void {
  let set = aggregate.converters.get(key);
  if (set?.has(partnerId) === true) return;
  if (aggregate.converterPairs >= MAX_CONVERTER_PAIRS) {
    aggregate.converterOverflow += 1;
    return;
  }
  if (set === undefined) {
    set = new Set();
    aggregate.converters.set(key, set);
  }
  set.add(partnerId);
  aggregate.converterPairs += 1;
}

/** Merges `from` into `into` (mutating `into`): counts add, extremes compare, sketches union. */
export function mergePartnerStats(into: PartnerStats, from: PartnerStats): void {
  into.clicks += from.clicks;
  into.firstClickAt = Math.min(into.firstClickAt, from.firstClickAt);
  into.lastClickAt = Math.max(into.lastClickAt, from.lastClickAt);
  for (const a of ['allow', 'flag', 'block'] as const) into.clickActions[a] += from.clickActions[a];
  for (const [k, v] of Object.entries(from.hitsByRule)) bump(into.hitsByRule, k, v);
  for (const [k, v] of Object.entries(from.botCategories)) bump(into.botCategories, k, v);
  for (const [k, v] of Object.entries(from.networks)) bump(into.networks, k, v);
  into.activationLogged += from.activationLogged;
  mergeDistinct(into.ips, from.ips);
  into.conversions += from.conversions;
  for (const [k, v] of Object.entries(from.conversionStatus)) bump(into.conversionStatus, k, v);
  into.revenueCents += from.revenueCents;
  into.ctitCount += from.ctitCount;
  into.ctitNegative += from.ctitNegative;
  from.ctitBins.forEach((v, i) => {
    into.ctitBins[i] = (into.ctitBins[i] ?? 0) + v;
  });
}

/** Merges one scan aggregate into another (mutating `into`). */
export function mergeScanAggregates(into: ScanAggregate, from: ScanAggregate): void {
  for (const [id, stats] of from.partners) {
    const existing = into.partners.get(id);
    if (existing === undefined) into.partners.set(id, stats);
    else mergePartnerStats(existing, stats);
  }
  for (const [key, partners] of from.converters) {
    for (const p of partners) addConverter(into, key, p);
  }
  into.converterOverflow += from.converterOverflow;
}
