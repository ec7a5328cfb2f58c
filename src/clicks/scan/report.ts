/**
 * The scan report: its types, and one partner's report built from its features, its
 * evaluation and its aggregates.
 *
 * @module
 */
import type { ClickAction, PartnerAction } from '../../engine/actions.js';
import { evaluate, type Evaluation } from '../../engine/evaluate.js';
import type { RuleSet } from '../../engine/load-ruleset.js';
import type { ScanAggregate } from '../aggregate.js';
import { ctitQuantile } from '../baseline.js';
import type { BaselineFeature, PartnerFeatures, PartnerStatus } from '../features.js';
import { r4 } from '../stats/share.js';

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

/** The result of `scanClicks`. Same input and rule set → same bytes (except `timings`). */
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


/** Keys sorted, so that reports compare byte for byte. */
export function sortedRecord(record: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}


function iso(t: number | null): string | null {
  return t === null ? null : new Date(t).toISOString();
}


// The report's names for the shares of clicks hit by each click rule.
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


/** @internal Scores one partner and builds its report. */
export function partnerReport(f: PartnerFeatures, aggregate: ScanAggregate, ruleSet: RuleSet): PartnerReport {
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

