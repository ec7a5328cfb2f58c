/**
 * Finalisation: shard results merged by addition, the program baseline fitted, every partner
 * scored, the report assembled.
 *
 * @module
 */
import type { ClickAction, PartnerAction } from '../../engine/actions.js';
import type { RuleSet } from '../../engine/load-ruleset.js';
import { createScanAggregate, mergeScanAggregates } from '../aggregate.js';
import { converterProfile, DEFAULT_BASELINE_OPTIONS, fitBaseline, partnerFeatures } from '../baseline.js';
import type { PartnerStatus } from '../features.js';
import type { PartnerInfo } from '../types.js';
import type { ShardResult } from './shard.js';
import { partnerReport, sortedRecord, type ScanReport } from './report.js';

function mergeCounts(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}


/** @internal Merges shard results and scores every partner. */
export function finalizeScan(
  results: readonly ShardResult[],
  context: { ruleSet: RuleSet; partners: readonly PartnerInfo[]; period: { readonly from: number; readonly to: number } | undefined; startedAt: number; workers: number },
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
  const given = context.period;
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

