/**
 * The program baseline and the step from merged aggregates to {@link PartnerFeatures}.
 *
 * Conversion rates are compared by beta-binomial empirical Bayes, never as raw ratios: a
 * Beta(α, β) prior is fitted to the partners with enough clicks (robustly: median and MAD,
 * so that the fraudulent partners being looked for cannot widen the prior and hide
 * themselves), each partner's rate gets the posterior Beta(α + conversions, β + clicks −
 * conversions), and rules compare posterior quantiles with the baseline. A partner with 3
 * conversions out of 20 clicks is therefore shrunk towards the program, while 300 out of 2 000
 * stands on its own.
 *
 * @module
 */
import { median } from 'simple-statistics';
import { CTIT_EDGES, type ScanAggregate } from './aggregate.js';
import type { BaselineFeature, PartnerFeatures, PartnerStatus } from './features.js';
import { countDistinct } from './stats/distinct.js';
import { betaQuantile } from './stats/beta.js';

/** How the baseline is fitted. */
export interface BaselineOptions {
  /** Partners need at least this many clicks to inform the prior (default 200). */
  readonly minClicks: number;
  /** The prior is fitted only with at least this many such partners (default 5); otherwise a Jeffreys prior is used. */
  readonly minPartners: number;
  /** Smallest between-partner coefficient of variation assumed (default 0.25), which caps the prior's strength. */
  readonly minCv: number;
}

/** Defaults of {@link BaselineOptions}. */
export const DEFAULT_BASELINE_OPTIONS: BaselineOptions = Object.freeze({ minClicks: 200, minPartners: 5, minCv: 0.25 });

/** Fits the program's Beta prior to partners' (conversions, clicks); null when too few partners have volume. */
export function fitBaseline(rows: ReadonlyArray<{ clicks: number; conversions: number }>, options: BaselineOptions = DEFAULT_BASELINE_OPTIONS): BaselineFeature | null {
  const eligible = rows.filter((r) => r.clicks >= options.minClicks);
  if (eligible.length < options.minPartners) return null;
  const rates = eligible.map((r) => Math.min(1, r.conversions / r.clicks));
  // Installs and sales can convert so rarely that most partners have none: then the median is 0
  // and the pooled rate of the same partners is the better centre.
  let m = median(rates);
  if (!(m > 0)) {
    let c = 0;
    let n = 0;
    for (const r of eligible) {
      c += Math.min(r.conversions, r.clicks);
      n += r.clicks;
    }
    m = c / n;
  }
  if (!(m > 0 && m < 1)) return null;
  const mad = median(rates.map((r) => Math.abs(r - m)));
  const noise = median(eligible.map((r, i) => (rates[i]! * (1 - rates[i]!)) / r.clicks));
  // Robust between-partner variance: spread of rates minus binomial noise, never below minCv.
  const variance = Math.max((1.4826 * mad) ** 2 - noise, (options.minCv * m) ** 2);
  const strength = Math.max(1, (m * (1 - m)) / variance - 1);
  return { alpha: m * strength, beta: (1 - m) * strength, rate: m, partners: eligible.length };
}

/** Options of {@link partnerFeatures}. */
export interface FeatureContext {
  /** The scanned period. */
  readonly period: { readonly from: number; readonly to: number };
  /** The fitted baseline (or null). */
  readonly baseline: BaselineFeature | null;
  /** Status per partner id. */
  readonly status: (partnerId: string) => PartnerStatus;
  /** Median clicks per partner with clicks. */
  readonly programMedianClicks: number;
  /** Per partner: its converting keys by how many partners each converted for. */
  readonly converters: ReadonlyMap<string, { keys: number; byPartnerCount: number[] }>;
}

/** Most partners per converting key distinguished in `byPartnerCount` (the last bucket means "this many or more"). */
export const MAX_PARTNER_COUNT_BUCKET = 10;

/** Counts, per partner, its converting IPs/devices by how many partners each one converted for. */
export function converterProfile(aggregate: ScanAggregate): Map<string, { keys: number; byPartnerCount: number[] }> {
  const out = new Map<string, { keys: number; byPartnerCount: number[] }>();
  for (const partners of aggregate.converters.values()) {
    const k = Math.min(partners.size, MAX_PARTNER_COUNT_BUCKET);
    for (const p of partners) {
      let entry = out.get(p);
      if (entry === undefined) {
        entry = { keys: 0, byPartnerCount: new Array<number>(MAX_PARTNER_COUNT_BUCKET + 1).fill(0) };
        out.set(p, entry);
      }
      entry.keys += 1;
      entry.byPartnerCount[k]! += 1;
    }
  }
  return out;
}

const EMPTY_BINS: readonly number[] = Object.freeze(new Array<number>(CTIT_EDGES.length + 1).fill(0));

/** Builds the features of every partner in `aggregate` plus `extraPartners` (listed but without traffic). */
export function partnerFeatures(aggregate: ScanAggregate, extraPartners: readonly string[], context: FeatureContext): PartnerFeatures[] {
  const ids = new Set([...aggregate.partners.keys(), ...extraPartners]);
  const periodDays = Math.max(1 / 24, (context.period.to - context.period.from) / 86_400_000);
  const prior = context.baseline ?? { alpha: 0.5, beta: 0.5 };
  const out: PartnerFeatures[] = [];
  for (const id of [...ids].sort()) {
    const s = aggregate.partners.get(id);
    const clicks = s?.clicks ?? 0;
    const conversions = s?.conversions ?? 0;
    // Conversions can exceed clicks when clicks were logged elsewhere; the rate is capped at 1.
    const successes = Math.min(conversions, clicks);
    const a = prior.alpha + successes;
    const b = prior.beta + clicks - successes;
    const status = s?.conversionStatus ?? {};
    const converters = context.converters.get(id);
    out.push({
      partnerId: id,
      status: context.status(id),
      periodDays,
      clicks,
      uniqueIps: s === undefined ? 0 : countDistinct(s.ips).count,
      programMedianClicks: context.programMedianClicks,
      clickHits: Object.fromEntries(Object.entries(s?.hitsByRule ?? {}).sort(([x], [y]) => (x < y ? -1 : 1))),
      activationLogged: s?.activationLogged ?? 0,
      botCategories: Object.fromEntries(Object.entries(s?.botCategories ?? {}).sort(([x], [y]) => (x < y ? -1 : 1))),
      conversions: { total: conversions, refunded: (status.refunded ?? 0) + (status.chargeback ?? 0), chargeback: status.chargeback ?? 0 },
      conversionRate: {
        clicks,
        conversions,
        rate: clicks > 0 ? Math.min(1, conversions / clicks) : 0,
        posteriorRate: a / (a + b),
        interval: [betaQuantile(0.05, a, b), betaQuantile(0.95, a, b)],
        baseline: context.baseline,
      },
      ctit: { count: s?.ctitCount ?? 0, edges: CTIT_EDGES, bins: s?.ctitBins ?? EMPTY_BINS },
      sharedConverters: converters ?? { keys: 0, byPartnerCount: new Array<number>(MAX_PARTNER_COUNT_BUCKET + 1).fill(0) },
    });
  }
  return out;
}

/** Share of click-to-conversion times below `seconds` (counted over whole bins whose upper edge is at most `seconds`). */
export function ctitShareBelow(ctit: { count: number; edges: readonly number[]; bins: readonly number[] }, seconds: number): { count: number; of: number } {
  let count = 0;
  for (let i = 0; i < ctit.edges.length; i += 1) {
    if (ctit.edges[i]! > seconds) break;
    count += ctit.bins[i]!;
  }
  return { count, of: ctit.count };
}

/** A quantile of click-to-conversion time from the histogram, interpolated geometrically inside the bin (seconds), or null without data. */
export function ctitQuantile(ctit: { count: number; edges: readonly number[]; bins: readonly number[] }, q: number): number | null {
  if (ctit.count === 0) return null;
  const target = q * ctit.count;
  let seen = 0;
  for (let i = 0; i < ctit.bins.length; i += 1) {
    const n = ctit.bins[i]!;
    if (seen + n >= target && n > 0) {
      const lo = i === 0 ? 0 : ctit.edges[i - 1]!;
      const hi = ctit.edges[i] ?? lo * 2;
      const f = (target - seen) / n;
      const value = lo === 0 ? hi * f : lo * (hi / lo) ** f;
      return Math.round(value * 10) / 10;
    }
    seen += n;
  }
  return ctit.edges[ctit.edges.length - 1] ?? null;
}
