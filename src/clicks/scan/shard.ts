/**
 * One shard of a scan: its conversions read and indexed by click id, then each of its clicks
 * through the click pipeline into mergeable aggregates, joining the conversions it attributes.
 *
 * @module
 */
import type { MessagePort } from 'node:worker_threads';
import type { ClickAction } from '../../engine/actions.js';
import type { RuleSet } from '../../engine/load-ruleset.js';
import { addClick, addConversion, createScanAggregate, type JoinedClick, type ScanAggregate } from '../aggregate.js';
import { ClickIdFilter } from '../click-id-filter.js';
import { hash32Of53, shardOf } from '../hash.js';
import { readClickBatches, readConversions } from '../read.js';
import { openOutputFile } from '../output-file.js';
import { createRejectsWriter, type RejectsWriter } from '../rejects.js';
import { clickVerdict, createClickPipeline } from '../pipeline.js';
import type { ClickVerdict } from '../screener.js';
import { fedChunks } from '../workers/feed.js';
import { LineOwners } from '../workers/prefilter.js';
import { detached, detachedOptional } from '../../shared/detached.js';
import type { ClickSource, Conversion, PartnerInfo, ReadOptions, Reject } from '../types.js';
import type { WindowConfig } from '../windows/config.js';
import type { ScanOptions, ScanProgress } from './options.js';

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

