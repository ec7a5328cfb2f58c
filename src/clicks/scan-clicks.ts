/**
 * The batch scan: clicks (and conversions) in, one scored report per partner out.
 *
 * Pipeline per shard: conversions are read first and indexed by click id (memory grows with
 * conversions, not clicks); clicks then stream through the screener (windows + click rules)
 * into mergeable aggregates, picking up the click time, IP and device of each conversion
 * they attribute; finally the conversions are added. Shards merge by addition, then the
 * program baseline is fitted and every partner is scored with `evaluate('partner', …)`.
 *
 * Sharding is by partner id (see `hash.ts`): every click window is keyed by IP *and*
 * partner, and a conversion joins only a click of its own partner, so a shard holds all the
 * state its clicks need and N shards merge to exactly the single-shard report.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import type { MessagePort } from 'node:worker_threads';
import type { ClickAction, PartnerAction } from '../engine/actions.js';
import { InputError } from '../engine/errors.js';
import { evaluate, type Evaluation } from '../engine/evaluate.js';
import type { RuleSet, RuleSetInput } from '../engine/load-ruleset.js';
import type { Registry } from '../engine/registry.js';
import { addClick, addConversion, createScanAggregate, mergeScanAggregates, type JoinedClick, type ScanAggregate } from './aggregate.js';
import { ClickIdFilter } from './click-id-filter.js';
import { converterProfile, ctitQuantile, DEFAULT_BASELINE_OPTIONS, fitBaseline, partnerFeatures } from './baseline.js';
import type { BaselineFeature, PartnerFeatures, PartnerStatus } from './features.js';
import { hash32Of53, shardOf } from './hash.js';
import { readClickBatches, readConversions } from './read.js';
import { parseTimestamp } from './read/timestamp.js';
import { claimOutputFile, openOutputFile } from './output-file.js';
import { createRejectsWriter, type RejectsWriter } from './rejects.js';
import { clickVerdict, createClickPipeline, type ClickVerdict } from './screener.js';
import { fedChunks } from './workers/feed.js';
import { LineOwners } from './workers/prefilter.js';
import { r4 } from './stats/share.js';
import { detached, detachedOptional } from '../shared/detached.js';
import type { ClickSource, Conversion, PartnerInfo, ReadOptions, Reject } from './types.js';
import type { WindowConfig } from './windows.js';

/** Options of {@link scanClicks}. */
export interface ScanOptions {
  /** Conversions: a file path, stream or (async) iterable, read like clicks. */
  readonly conversions?: ClickSource | undefined;
  /** Byte format of the click file (default: sniffed). */
  readonly format?: 'ndjson' | 'csv' | 'auto' | undefined;
  /** Byte format of the conversion file (default: sniffed; never taken from `format`). */
  readonly conversionFormat?: 'ndjson' | 'csv' | 'auto' | undefined;
  /** Canonical field → click column, e.g. `{ ip: 'remote_addr' }`. Clicks only. */
  readonly mapping?: Readonly<Record<string, string>> | undefined;
  /**
   * Canonical field → conversion column (default: none). Never taken from `mapping`: both
   * streams have an `ip`, a `deviceId` and a `timestamp`, and a click column name applied to
   * conversions would read their fields from the wrong (usually absent) column.
   */
  readonly conversionMapping?: Readonly<Record<string, string>> | undefined;
  /** Further reader options for clicks (limits, `defaults`, `idFromLine`); also for conversions unless `conversionRead` is given. */
  readonly read?: Omit<ReadOptions, 'format' | 'mapping'> | undefined;
  /** Reader options for conversions (default: `read`); `defaults` name conversion fields here. */
  readonly conversionRead?: Omit<ReadOptions, 'format' | 'mapping'> | undefined;
  /** Rule set name, path, object or loaded set (default `traffic`). */
  readonly ruleSet?: RuleSetInput | undefined;
  /**
   * Rules the rule set may name, and that score clicks and partners; defaults to the built-in
   * rules (or a loaded set's own). With `workers > 1` only the built-in rules can run.
   */
  readonly registry?: Registry | undefined;
  /**
   * The period scanned, both ends included (default: first to last click). Clicks outside it
   * are rejected as `outside_period` (counted, and written to `rejects`); conversions are not
   * filtered, since they trail their clicks. Listed partners with no click in it are `dormant`;
   * partners joined on or after its start are `new`.
   */
  readonly period?: { readonly from: Date | number | string; readonly to: Date | number | string } | undefined;
  /** Partner metadata, or the path of a JSON array / NDJSON file of it. Listed partners without traffic are reported `dormant`. */
  readonly partners?: readonly PartnerInfo[] | string | undefined;
  /** Path of an NDJSON file to write rejected rows to (with their line numbers). */
  readonly rejects?: string | undefined;
  /** Path of an NDJSON file to write one verdict per accepted click to, in input order. */
  readonly verdicts?: string | undefined;
  /** Worker threads (default 1: the calling thread). Needs a file path source; the report is identical for any count. */
  readonly workers?: number | undefined;
  /** Window memory bounds (window lengths come from the rule set). `maxPartners` and `maxKeys` do not apply: a scan keeps every partner's windows, so that N workers stay exact. */
  readonly windows?: Partial<WindowConfig> | undefined;
  /** Called about every 65 536 rows read (by each worker, with every worker's rows summed), and at the end: the last call's figures are the totals. */
  readonly onProgress?: ((progress: ScanProgress) => void) | undefined;
}

/** Progress of a running scan. */
export interface ScanProgress {
  /** Click rows read so far. */
  readonly rows: number;
  /** Click rows rejected so far. */
  readonly rejected: number;
}

/** Statistics reported per partner. */
export interface PartnerStatsReport {
  /** Accepted clicks. */
  readonly clicks: number;
  /** Distinct click IPs. */
  readonly uniqueIps: number;
  /** False when `uniqueIps` is a HyperLogLog estimate (±0.8%). */
  readonly uniqueIpsExact: boolean;
  /** Conversions credited. */
  readonly conversions: number;
  /** Conversion rate with its empirical-Bayes posterior interval. */
  readonly conversionRate: {
    /** conversions ÷ clicks. */
    readonly rate: number;
    /** The rate shrunk towards the program baseline. */
    readonly posteriorRate: number;
    /** 90% posterior interval. */
    readonly interval: readonly [number, number];
    /** The program baseline rate, or null when none could be fitted. */
    readonly baselineRate: number | null;
  };
  /** Revenue of conversions not refunded or charged back. */
  readonly revenue: number;
  /** Earnings per click: revenue ÷ clicks. */
  readonly epc: number;
  /** (Refunded + charged back) ÷ conversions. */
  readonly refundRate: number;
  /** Click-to-conversion time quantiles in seconds (from the fixed-bin histogram). */
  readonly ctit: {
    /** Conversions with a known click time. */
    readonly count: number;
    /** Conversions whose click time is after the conversion (bad data: not in the quantiles). */
    readonly negative: number;
    /** 10th percentile. */
    readonly p10: number | null;
    /** Median. */
    readonly p50: number | null;
    /** 90th percentile. */
    readonly p90: number | null;
  };
  /** Shares of clicks hit by each click rule (no-activation: of clicks with logged sec-fetch headers). */
  readonly shares: Readonly<Record<string, number>>;
  /** Bot clicks by bot category. */
  readonly botCategories: Readonly<Record<string, number>>;
  /** Clicks by IP network kind. */
  readonly networks: Readonly<Record<string, number>>;
  /** Click verdicts by action. */
  readonly clickActions: Readonly<Record<ClickAction, number>>;
  /** First and last click, ISO-8601, or null without clicks. */
  readonly firstClickAt: string | null;
  /** Last click, ISO-8601, or null without clicks. */
  readonly lastClickAt: string | null;
}

/** A suggested cap for a partner whose action is `cap`: the volume its clean traffic supports. */
export interface SuggestedCap {
  /** Allowed clicks per day. */
  readonly dailyClicks: number;
  /** Conversions per day at the partner's clean-traffic rate. */
  readonly dailyConversions: number;
}

/** One partner's scored report. */
export interface PartnerReport extends Evaluation<'partner'> {
  /** The partner. */
  readonly partnerId: string;
  /** `allow`, `review`, `cap` or `block`. */
  readonly action: PartnerAction;
  /** `dormant` (listed, no traffic: a quality status, not fraud), `new` (joined on or after the period's start: too new to judge as dormant) or `active`. */
  readonly status: PartnerStatus;
  /** What the partner's traffic looked like. */
  readonly stats: PartnerStatsReport;
  /** Present when the action is `cap`. */
  readonly cap?: SuggestedCap;
}

/** The result of {@link scanClicks}. Same input and rule set → same bytes (except `timings`). */
export interface ScanReport {
  /** The period reported, ISO-8601: `options.period`, else first to last click (or conversion); null when there was neither. */
  readonly period: { readonly from: string; readonly to: string } | null;
  /** The rule set used. */
  readonly ruleSet: { readonly id: string; readonly version: string; readonly hash: string };
  /** Row and outcome counts; `rows === accepted + rejected` always. */
  readonly totals: {
    /** Click rows read. */
    readonly rows: number;
    /** Click rows accepted. */
    readonly accepted: number;
    /** Click rows rejected. */
    readonly rejected: number;
    /** Conversions accepted. */
    readonly conversions: number;
    /** Conversion rows read. */
    readonly conversionRows: number;
    /** Conversion rows rejected. */
    readonly conversionsRejected: number;
    /** Conversions whose click was found in the scanned clicks. */
    readonly conversionsJoined: number;
    /** Partners reported. */
    readonly partners: number;
    /** Click verdicts by action. */
    readonly clickActions: Readonly<Record<ClickAction, number>>;
    /** Partner reports by action. */
    readonly partnerActions: Readonly<Record<PartnerAction, number>>;
    /** Partner reports by status. */
    readonly partnerStatus: Readonly<Record<PartnerStatus, number>>;
  };
  /** Rejected rows by reason. */
  readonly rejects: {
    /** Click rejects by reason. */
    readonly clicks: Readonly<Record<string, number>>;
    /** Conversion rejects by reason. */
    readonly conversions: Readonly<Record<string, number>>;
  };
  /** The fitted program baseline, or null. */
  readonly baseline: BaselineFeature | null;
  /** Partners by score, highest first; ties by partner id. */
  readonly partners: readonly PartnerReport[];
  /** Conditions worth knowing (e.g. a bound reached). */
  readonly notes: readonly string[];
  /** Wall-clock figures: the only part that differs between identical runs. */
  readonly timings: {
    /** Milliseconds from start to report. */
    readonly ms: number;
    /** Click rows per second. */
    readonly rowsPerSecond: number;
    /** Worker threads used. */
    readonly workers: number;
  };
}

/** @internal What one shard of a scan hands back to be merged. */
export interface ShardResult {
  /** The shard's aggregates. */
  readonly aggregate: ScanAggregate;
  /** Click rows this shard counted (all rows are counted by shard 0 for rejects; accepted by the owning shard). */
  readonly clicks: { accepted: number; rejected: number; byReason: Record<string, number> };
  /** Conversion rows likewise. */
  readonly conversions: { accepted: number; rejected: number; byReason: Record<string, number>; joined: number };
  /** Earliest and latest click time in the shard (ms; conversion times when the shard has no clicks), or null. */
  readonly span: { min: number | null; max: number | null };
  /** Click verdicts by action. */
  readonly clickActions: Record<ClickAction, number>;
}

/** @internal The serialisable subset of options a shard needs. */
export interface ShardOptions extends Pick<ScanOptions, 'conversions' | 'format' | 'conversionFormat' | 'mapping' | 'conversionMapping' | 'read' | 'conversionRead'> {
  /** The loaded rule set (structured-cloneable). */
  readonly ruleSet: RuleSet;
  /** Partner metadata, already loaded. */
  readonly partners: readonly PartnerInfo[];
  /** Rejects file of this shard (merged by the parent). */
  readonly rejects?: string | undefined;
  /** Verdicts file of this shard. */
  readonly verdicts?: string | undefined;
  /** Window memory bounds. */
  readonly windows?: Partial<WindowConfig> | undefined;
  /** This shard's index, 0…shards-1. */
  readonly shard: number;
  /** Number of shards. */
  readonly shards: number;
  /** Progress callback. */
  readonly onProgress?: ((progress: ScanProgress) => void) | undefined;
  /** The period as epoch milliseconds, when the caller gave one: clicks outside it are rejected. */
  readonly clickPeriod?: { readonly from: number; readonly to: number } | undefined;
  /** The port this shard's lines arrive on when the parent splits an NDJSON file (see `workers/feed.ts`); the clicks source is then only named. */
  readonly feed?: MessagePort | undefined;
}

const PROGRESS_EVERY = 65_536;

/** The verdict line written per click: compact, and identical whichever shard wrote it. */
export function verdictLine(line: number, v: ClickVerdict): string {
  const hits = v.hits.map((h) => ({ rule: h.rule, points: h.points, messageId: h.messageId }));
  return `${JSON.stringify({ line, clickId: v.clickId, partnerId: v.partnerId, timestamp: v.timestamp, score: v.score, action: v.action, hits })}\n`;
}

function readerOptions(
  format: ScanOptions['format'],
  mapping: Readonly<Record<string, string>> | undefined,
  read: Omit<ReadOptions, 'format' | 'mapping'> | undefined,
): ReadOptions {
  const out: ReadOptions = { ...(read ?? {}) };
  if (format !== undefined) out.format = format;
  if (mapping !== undefined) out.mapping = mapping;
  return out;
}

/**
 * A conversion whose strings hold no reference to the row they were read from: the scan
 * keeps every conversion to its end, and a field cut from a CSV line would keep the whole
 * line alive (see `detached`).
 */
function detachedConversion(c: Conversion): Conversion {
  const out: Conversion = { ...c, conversionId: detached(c.conversionId), clickId: detached(c.clickId), partnerId: detached(c.partnerId) };
  if (c.couponCode !== undefined) out.couponCode = detached(c.couponCode);
  if (c.ip !== undefined) out.ip = detached(c.ip);
  if (c.deviceId !== undefined) out.deviceId = detached(c.deviceId);
  return out;
}

/** @internal Scans the rows of one shard (all of them when `shards` is 1). */
export async function scanShard(clicks: ClickSource, options: ShardOptions): Promise<ShardResult> {
  const { shard, shards } = options;
  const owns = shards <= 1 ? (): boolean => true : (partnerId: string): boolean => shardOf(partnerId, shards) === shard;
  // A rejected row may have no readable partner: shard 0 counts conversion rejects and the
  // click rejects of rows every shard read; a row the prefilter gave to one shard is counted there.
  const rejectsHere = shard === 0;
  const owners = new LineOwners();
  const prefiltered = options.feed !== undefined;
  const clickRejectHere = (line: number): boolean => rejectsHere || (prefiltered && !owners.isShared(line));
  const rejects: RejectsWriter | undefined = options.rejects !== undefined ? createRejectsWriter(options.rejects) : undefined;
  const verdicts = options.verdicts === undefined ? undefined : openOutputFile(options.verdicts, 'verdicts');
  const conversionsOut = { accepted: 0, rejected: 0, byReason: {} as Record<string, number>, joined: 0 };
  const clicksOut = { accepted: 0, rejected: 0, byReason: {} as Record<string, number> };
  // Earliest and latest time seen, in a typed array: an object field that starts as null
  // boxes every epoch-ms number stored in it, an allocation per click.
  const extremes = new Float64Array([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
  const seeTime = (t: number): void => {
    if (t < extremes[0]!) extremes[0] = t;
    if (t > extremes[1]!) extremes[1] = t;
  };
  const countReject = async (reject: Reject, source: string, into: { rejected: number; byReason: Record<string, number> }): Promise<void> => {
    into.rejected += 1;
    into.byReason[reject.reason] = (into.byReason[reject.reason] ?? 0) + 1;
    if (rejects !== undefined) await rejects.write(reject, source);
  };
  let result: ShardResult;
  try {
    const list: Conversion[] = [];
    const byClick = new Map<string, number[]>();
    if (options.conversions !== undefined) {
      for await (const r of readConversions(options.conversions, readerOptions(options.conversionFormat, options.conversionMapping, options.conversionRead ?? options.read))) {
        if (!r.ok) {
          if (rejectsHere) await countReject(r.reject, 'conversions', conversionsOut);
          continue;
        }
        if (!owns(r.record.partnerId)) continue;
        conversionsOut.accepted += 1;
        const conversion = detachedConversion(r.record);
        const index = list.push(conversion) - 1;
        const same = byClick.get(conversion.clickId);
        if (same === undefined) byClick.set(conversion.clickId, [index]);
        else same.push(index);
      }
    }
    const joined = new Array<JoinedClick | undefined>(list.length);
    const converting = new ClickIdFilter(byClick.size);
    for (const id of byClick.keys()) converting.add(id);
    // Every partner's windows are kept (the report has a row per partner anyway): bounds
    // across partners would make a shard's state depend on other partners, and N workers inexact.
    const windows = { ...options.windows, maxPartners: Number.POSITIVE_INFINITY, maxKeys: Number.POSITIVE_INFINITY };
    const pipeline = createClickPipeline({ ruleSet: options.ruleSet, windows, partners: options.partners });
    const aggregate = createScanAggregate();
    const clickActions: Record<ClickAction, number> = { allow: 0, flag: 0, block: 0 };
    let rows = 0;
    const progress = (): void => options.onProgress?.({ rows, rejected: clicksOut.rejected });
    const source: ClickSource = options.feed !== undefined ? fedChunks(options.feed, owners) : clicks;
    const clickReadOptions = readerOptions(options.format, options.mapping, options.read);
    if (prefiltered) {
      // The parent has already decompressed the file and split it into NDJSON lines.
      clickReadOptions.format = 'ndjson';
      clickReadOptions.gzip = false;
    }
    // copy: false — the scan reads canonical fields only, so a valid row is screened as parsed.
    for await (const batch of readClickBatches(source, clickReadOptions, false)) for (const r of batch) {
      // Progress counts the rows this shard answers for (as rejects are counted), so the
      // shards' figures add up to the rows read.
      if (clickRejectHere(r.ok ? r.line : r.reject.line)) {
        rows += 1;
        if (rows % PROGRESS_EVERY === 0) progress();
      }
      if (!r.ok) {
        if (clickRejectHere(r.reject.line)) await countReject(r.reject, 'clicks', clicksOut);
        continue;
      }
      const click = r.record;
      if (!owns(click.partnerId)) {
        // Only a line the splitter gave to this shard alone can get here (a splitter bug):
        // counted and reported rather than lost, since no other shard saw it.
        if (prefiltered && !owners.isShared(r.line)) {
          await countReject({ line: r.line, reason: 'internal:misrouted', message: `partnerguard bug: the worker split sent partner ${JSON.stringify(click.partnerId)} to the wrong shard` }, 'clicks', clicksOut);
        }
        continue;
      }
      const period = options.clickPeriod;
      if (period !== undefined && (click.timestamp < period.from || click.timestamp > period.to)) {
        const at = new Date(click.timestamp).toISOString();
        await countReject({ line: r.line, reason: 'outside_period', message: `the click time ${at} is outside the period ${new Date(period.from).toISOString()} – ${new Date(period.to).toISOString()}` }, 'clicks', clicksOut);
        continue;
      }
      clicksOut.accepted += 1;
      seeTime(click.timestamp);
      const { evaluation, features, addressHash, clickIdHash } = pipeline.score(click);
      clickActions[evaluation.action] += 1;
      addClick(aggregate, features, evaluation, addressHash);
      if (verdicts !== undefined) await verdicts.write(verdictLine(r.line, clickVerdict(click, evaluation)));
      const pending = byClick.size === 0 || !converting.mightHaveHash(hash32Of53(clickIdHash)) ? undefined : byClick.get(click.clickId);
      if (pending !== undefined) {
        for (const i of pending) {
          // First click with the id wins; a conversion joins only its own partner's click so shards stay self-contained.
          if (joined[i] === undefined && list[i]!.partnerId === click.partnerId) joined[i] = { timestamp: click.timestamp, ip: detached(click.ip), deviceId: detachedOptional(click.deviceId) };
        }
      }
    }
    progress();
    list.forEach((conversion, i) => {
      if (joined[i] !== undefined) conversionsOut.joined += 1;
      // Conversions trail their clicks by days; they set the period only when there are no clicks.
      if (clicksOut.accepted === 0) seeTime(conversion.timestamp);
      addConversion(aggregate, conversion, joined[i]);
    });
    const span = extremes[0]! <= extremes[1]! ? { min: extremes[0]!, max: extremes[1]! } : { min: null, max: null };
    result = { aggregate, clicks: clicksOut, conversions: conversionsOut, span, clickActions };
  } catch (error) {
    await Promise.allSettled([rejects?.close(), verdicts?.close()]);
    throw error;
  }
  // A failed write or flush of either file fails the scan (both are closed either way).
  await Promise.all([rejects?.close(), verdicts?.close()]);
  return result;
}

/** Reads partner metadata from a JSON array or NDJSON file. */
export function loadPartners(input: readonly PartnerInfo[] | string | undefined): PartnerInfo[] {
  if (input === undefined) return [];
  if (typeof input !== 'string') return [...input];
  let text: string;
  try {
    text = readFileSync(input, 'utf8');
  } catch (error) {
    throw new InputError(`Cannot read partners file ${input}: ${error instanceof Error ? error.message : String(error)}`, { location: input, cause: error });
  }
  const trimmed = text.trim();
  let items: unknown[];
  try {
    items = trimmed.startsWith('[') ? (JSON.parse(trimmed) as unknown[]) : trimmed.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
  } catch (error) {
    throw new InputError(`Partners file ${input} is neither a JSON array nor NDJSON: ${error instanceof Error ? error.message : String(error)}`, { location: input, cause: error });
  }
  return items.map((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new InputError(`Partners file ${input}: entry ${i + 1} is not an object`, { location: `${input}:${i + 1}` });
    const o = item as Record<string, unknown>;
    if (typeof o.partnerId !== 'string' || o.partnerId === '') throw new InputError(`Partners file ${input}: entry ${i + 1} has no partnerId`, { location: `${input}:${i + 1}` });
    const info: PartnerInfo = { partnerId: o.partnerId };
    if (Array.isArray(o.siteDomains)) info.siteDomains = o.siteDomains.filter((d): d is string => typeof d === 'string');
    if (o.joinedAt !== undefined) {
      const t = parseTimestamp(o.joinedAt);
      if (t === undefined) throw new InputError(`Partners file ${input}: entry ${i + 1} has an unreadable joinedAt`, { location: `${input}:${i + 1}` });
      info.joinedAt = t;
    }
    return info;
  });
}

function sortedRecord(record: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function mergeCounts(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

function iso(t: number | null): string | null {
  return t === null ? null : new Date(t).toISOString();
}

const SHARE_RULES: ReadonlyArray<[string, string]> = [
  ['bot', 'click/bot-agent'],
  ['datacenter', 'click/datacenter-ip'],
  ['spoofedCrawler', 'click/spoofed-crawler'],
  ['anonymizer', 'click/anonymizer-ip'],
  ['duplicate', 'click/duplicate-click'],
  ['flood', 'click/flood-ip'],
  ['uaRotation', 'click/ua-rotation'],
  ['referrerMismatch', 'click/referrer-mismatch'],
];

/** The caller's period as epoch milliseconds; throws an InputError naming what is wrong. */
function parsePeriod(period: NonNullable<ScanOptions['period']>): { from: number; to: number } {
  const from = parseTimestamp(period.from);
  const to = parseTimestamp(period.to);
  if (from === undefined || to === undefined || to < from) throw new InputError('options.period needs readable from ≤ to timestamps', { location: 'options.period' });
  return { from, to };
}

/** @internal Merges shard results and scores every partner. */
export function finalizeScan(
  results: readonly ShardResult[],
  context: { ruleSet: RuleSet; partners: readonly PartnerInfo[]; period?: ScanOptions['period']; startedAt: number; workers: number },
): ScanReport {
  const aggregate = createScanAggregate();
  const clickRejects: Record<string, number> = {};
  const conversionRejects: Record<string, number> = {};
  let accepted = 0;
  let rejected = 0;
  let conversions = 0;
  let conversionsRejected = 0;
  let joined = 0;
  let min: number | null = null;
  let max: number | null = null;
  const clickActions: Record<ClickAction, number> = { allow: 0, flag: 0, block: 0 };
  for (const r of results) {
    mergeScanAggregates(aggregate, r.aggregate);
    accepted += r.clicks.accepted;
    rejected += r.clicks.rejected;
    mergeCounts(clickRejects, r.clicks.byReason);
    conversions += r.conversions.accepted;
    conversionsRejected += r.conversions.rejected;
    joined += r.conversions.joined;
    mergeCounts(conversionRejects, r.conversions.byReason);
    if (r.span.min !== null && (min === null || r.span.min < min)) min = r.span.min;
    if (r.span.max !== null && (max === null || r.span.max > max)) max = r.span.max;
    for (const a of ['allow', 'flag', 'block'] as const) clickActions[a] += r.clickActions[a];
  }
  const given = context.period === undefined ? undefined : parsePeriod(context.period);
  const from = given?.from ?? min ?? 0;
  const to = given?.to ?? max ?? 0;

  const stats = [...aggregate.partners.values()];
  const baseline = fitBaseline(stats.map((s) => ({ clicks: s.clicks, conversions: s.conversions })), DEFAULT_BASELINE_OPTIONS);
  const withClicks = stats.filter((s) => s.clicks > 0).map((s) => s.clicks).sort((a, b) => a - b);
  const programMedianClicks = withClicks.length === 0 ? 0 : withClicks.length % 2 === 1 ? withClicks[(withClicks.length - 1) / 2]! : (withClicks[withClicks.length / 2 - 1]! + withClicks[withClicks.length / 2]!) / 2;
  const info = new Map(context.partners.map((p) => [p.partnerId, p]));
  const status = (id: string): PartnerStatus => {
    const joinedAt = info.get(id)?.joinedAt;
    if (joinedAt !== undefined && joinedAt >= from) return 'new';
    const s = aggregate.partners.get(id);
    return s === undefined || (s.clicks === 0 && s.conversions === 0) ? 'dormant' : 'active';
  };
  const features = partnerFeatures(aggregate, [...info.keys()], { period: { from, to }, baseline, status, programMedianClicks, converters: converterProfile(aggregate) });
  const partnerActions: Record<PartnerAction, number> = { allow: 0, review: 0, cap: 0, block: 0 };
  const partnerStatus: Record<PartnerStatus, number> = { active: 0, dormant: 0, new: 0 };
  const reports = features.map((f) => {
    const report = partnerReport(f, aggregate, context.ruleSet);
    partnerActions[report.action] += 1;
    partnerStatus[report.status] += 1;
    return report;
  });
  reports.sort((a, b) => b.score - a.score || (a.partnerId < b.partnerId ? -1 : a.partnerId > b.partnerId ? 1 : 0));
  const notes: string[] = [];
  if (aggregate.converterOverflow > 0) notes.push(`shared-converter index full: ${aggregate.converterOverflow} (IP/device, partner) pairs not recorded`);
  let negative = 0;
  for (const s of aggregate.partners.values()) negative += s.ctitNegative;
  if (negative > 0) notes.push(`${negative} conversions have a click time after the conversion time: counted as conversions, left out of click-to-conversion times (stats.ctit.negative)`);
  if (conversions > 0 && joined < conversions) notes.push(`${conversions - joined} of ${conversions} conversions did not match a click of their partner in this scan`);
  const ms = Date.now() - context.startedAt;
  const rows = accepted + rejected;
  return {
    period: given === undefined && min === null ? null : { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
    ruleSet: { id: context.ruleSet.id, version: context.ruleSet.version, hash: context.ruleSet.hash },
    totals: {
      rows,
      accepted,
      rejected,
      conversions,
      conversionRows: conversions + conversionsRejected,
      conversionsRejected,
      conversionsJoined: joined,
      partners: reports.length,
      clickActions,
      partnerActions,
      partnerStatus,
    },
    rejects: { clicks: sortedRecord(clickRejects), conversions: sortedRecord(conversionRejects) },
    baseline,
    partners: reports,
    notes,
    timings: { ms, rowsPerSecond: ms > 0 ? Math.round((rows / ms) * 1000) : rows, workers: context.workers },
  };
}

function partnerReport(f: PartnerFeatures, aggregate: ScanAggregate, ruleSet: RuleSet): PartnerReport {
  const evaluation = evaluate('partner', f, ruleSet);
  const s = aggregate.partners.get(f.partnerId);
  const clicks = f.clicks;
  const share = (n: number, of: number): number => (of > 0 ? r4(n / of) : 0);
  const shares: Record<string, number> = {};
  for (const [name, rule] of SHARE_RULES) shares[name] = share(s?.hitsByRule[rule] ?? 0, clicks);
  shares.noActivation = share(f.clickHits['click/no-user-activation'] ?? 0, f.activationLogged);
  const revenue = (s?.revenueCents ?? 0) / 100;
  // partnerFeatures has counted them already (a sketch's count reads 16,384 registers).
  const distinct = { count: f.uniqueIps, exact: s === undefined || s.ips.exact !== null };
  const clickActions = s?.clickActions ?? { allow: 0, flag: 0, block: 0 };
  const stats: PartnerStatsReport = {
    clicks,
    uniqueIps: distinct.count,
    uniqueIpsExact: distinct.exact,
    conversions: f.conversions.total,
    conversionRate: {
      rate: r4(f.conversionRate.rate),
      posteriorRate: r4(f.conversionRate.posteriorRate),
      interval: [r4(f.conversionRate.interval[0]), r4(f.conversionRate.interval[1])],
      baselineRate: f.conversionRate.baseline === null ? null : r4(f.conversionRate.baseline.rate),
    },
    revenue,
    epc: clicks > 0 ? r4(revenue / clicks) : 0,
    refundRate: share(f.conversions.refunded, f.conversions.total),
    ctit: { count: f.ctit.count, negative: s?.ctitNegative ?? 0, p10: ctitQuantile(f.ctit, 0.1), p50: ctitQuantile(f.ctit, 0.5), p90: ctitQuantile(f.ctit, 0.9) },
    shares: sortedRecord(shares),
    botCategories: sortedRecord(s?.botCategories ?? {}),
    networks: sortedRecord(s?.networks ?? {}),
    clickActions: { ...clickActions },
    firstClickAt: iso(s === undefined || s.clicks === 0 ? null : s.firstClickAt),
    lastClickAt: iso(s === undefined || s.clicks === 0 ? null : s.lastClickAt),
  };
  const base = { ...evaluation, partnerId: f.partnerId, status: f.status, stats };
  if (evaluation.action !== 'cap') return base;
  // The volume the partner's clean (allowed) traffic supports per day.
  const days = f.periodDays;
  const cleanShare = clicks > 0 ? clickActions.allow / clicks : 0;
  return { ...base, cap: { dailyClicks: Math.floor(clickActions.allow / days), dailyConversions: Math.floor((f.conversions.total * cleanShare) / days) } };
}

/**
 * @internal `scanClicks` with its rule set loaded. `run.builtin` says whether the set runs on
 * the built-in registry: worker threads rebuild that one, and cannot receive another.
 */
export async function scanClickSource(clicks: ClickSource, options: ScanOptions, ruleSet: RuleSet, run: { readonly startedAt: number; readonly builtin: boolean }): Promise<ScanReport> {
  const { startedAt } = run;
  const partners = loadPartners(options.partners);
  const workers = options.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new InputError(`options.workers must be an integer from 1 to 64, received ${String(workers)}`, { location: 'options.workers' });
  // Checked before any row is read.
  const clickPeriod = options.period === undefined ? undefined : parsePeriod(options.period);
  if (options.rejects !== undefined) claimOutputFile(options.rejects, 'rejects');
  if (options.verdicts !== undefined) claimOutputFile(options.verdicts, 'verdicts');
  const shardOptions: ShardOptions = {
    conversions: options.conversions,
    format: options.format,
    conversionFormat: options.conversionFormat,
    mapping: options.mapping,
    conversionMapping: options.conversionMapping,
    read: options.read,
    conversionRead: options.conversionRead,
    ruleSet,
    partners,
    rejects: options.rejects,
    verdicts: options.verdicts,
    windows: options.windows,
    clickPeriod,
    shard: 0,
    shards: 1,
    onProgress: options.onProgress,
  };
  let results: ShardResult[];
  if (workers > 1) {
    if (typeof clicks !== 'string' && !(clicks instanceof URL)) throw new InputError('options.workers > 1 needs the clicks as a file path or URL (each worker reads the file)', { location: 'options.workers' });
    const conv = options.conversions;
    if (conv !== undefined && typeof conv !== 'string' && !(conv instanceof URL)) throw new InputError('options.workers > 1 needs the conversions as a file path or URL', { location: 'options.conversions' });
    if (!run.builtin) throw new InputError('options.workers > 1 runs the built-in rules only: worker threads cannot receive the rules of another registry', { location: 'options.registry' });
    const { runShards } = await import('./workers/run-shards.js');
    results = await runShards(clicks, shardOptions, workers);
  } else {
    results = [await scanShard(clicks, shardOptions)];
  }
  return finalizeScan(results, { ruleSet, partners, period: options.period, startedAt, workers });
}
