/** Builds PartnerFeatures for rule tests: an ordinary partner at the program baseline, with overrides. */
import { CTIT_EDGES, ctitBin } from '../../src/clicks/aggregate.js';
import type { PartnerFeatures } from '../../src/clicks/features.js';
import { betaQuantile } from '../../src/clicks/stats/beta.js';

const baseline = { alpha: 2, beta: 98, rate: 0.02, partners: 50 };

/** A CTIT histogram from a list of seconds. */
export function ctit(seconds: readonly number[]): PartnerFeatures['ctit'] {
  const bins = new Array<number>(CTIT_EDGES.length + 1).fill(0);
  for (const s of seconds) bins[ctitBin(s)]! += 1;
  return { count: seconds.length, edges: CTIT_EDGES, bins };
}

/** Conversion-rate features with the posterior computed as the scan does. */
export function rate(clicks: number, conversions: number, withBaseline = true): PartnerFeatures['conversionRate'] {
  const prior = withBaseline ? baseline : { alpha: 0.5, beta: 0.5 };
  const a = prior.alpha + conversions;
  const b = prior.beta + clicks - conversions;
  return { clicks, conversions, rate: clicks > 0 ? conversions / clicks : 0, posteriorRate: a / (a + b), interval: [betaQuantile(0.05, a, b), betaQuantile(0.95, a, b)], baseline: withBaseline ? baseline : null };
}

export function partnerFeatures(overrides: Partial<PartnerFeatures> = {}): PartnerFeatures {
  const clicks = overrides.clicks ?? 1000;
  return {
    partnerId: 'p1',
    status: 'active',
    periodDays: 7,
    clicks,
    uniqueIps: 900,
    programMedianClicks: 500,
    clickHits: { 'click/bot-agent': 5, 'click/datacenter-ip': 10, 'click/no-user-activation': 10, 'click/spoofed-crawler': 0 },
    activationLogged: clicks,
    botCategories: {},
    conversions: { total: 20, refunded: 1, chargeback: 0 },
    conversionRate: rate(clicks, 20),
    ctit: ctit([120, 300, 600, 900, 1200, 1800, 2400, 3000, 4000, 20_000]),
    sharedConverters: { keys: 20, byPartnerCount: [0, 19, 1, 0, 0, 0, 0, 0, 0, 0, 0] },
    ...overrides,
  };
}
