import { z } from 'zod';
import { defineRule, type Finding } from '../../engine/define-rule.js';
import type { PartnerFeatures } from '../features.js';
import { r4 } from '../stats/share.js';

const options = z.object({
  minClicks: z.number().int().min(1).default(100).describe('Fewer clicks than this are never judged (the posterior already accounts for sample size; this is a floor).'),
  highRatio: z.number().min(1).default(4).describe('Hit "high" when the posterior 5% quantile exceeds this multiple of the baseline rate.'),
  lowRatio: z.number().min(0).max(1).default(0.25).describe('Hit "low" when the posterior 95% quantile is below this multiple of the baseline rate.'),
  lowConfidence: z.number().min(0).max(1).default(0.6).describe('Confidence of a "low" hit: junk traffic more often than fraud on its own.'),
});

/**
 * `partner/conversion-rate-outlier`: the partner's conversion rate, shrunk by the program's
 * beta-binomial prior, is far above (incentivised or fabricated conversions, attribution
 * theft) or far below (bots, flooding) the program baseline. Never a raw ratio: the
 * posterior interval must clear the bound, so small partners need overwhelming evidence.
 */
export const conversionRateOutlier = defineRule<PartnerFeatures, typeof options>({
  meta: {
    id: 'partner/conversion-rate-outlier',
    subject: 'partner',
    description: 'The conversion rate is far above or below the program baseline (beta-binomial empirical Bayes, posterior interval vs baseline).',
    defaultScore: 45,
    options,
    messages: {
      high: 'conversion rate {{rate}}% (90% interval {{lo}}–{{hi}}%) is far above the program baseline {{baseline}}%',
      low: 'conversion rate {{rate}}% (90% interval {{lo}}–{{hi}}%) is far below the program baseline {{baseline}}%',
    },
  },
  evaluate(f, o): Finding | null {
    const cr = f.conversionRate;
    if (cr.baseline === null || cr.clicks < o.minClicks) return null;
    const [lo, hi] = cr.interval;
    const base = cr.baseline.rate;
    const data = { rate: (cr.rate * 100).toFixed(2), lo: (lo * 100).toFixed(2), hi: (hi * 100).toFixed(2), baseline: (base * 100).toFixed(2) };
    const evidence = { clicks: cr.clicks, conversions: cr.conversions, rate: r4(cr.rate), interval: [r4(lo), r4(hi)], baselineRate: r4(base), baselinePartners: cr.baseline.partners };
    if (lo > o.highRatio * base) return { messageId: 'high', data, evidence: { ...evidence, ratio: r4(lo / base) } };
    if (hi < o.lowRatio * base && o.lowConfidence > 0) return { messageId: 'low', data, evidence: { ...evidence, ratio: r4(hi / base) }, confidence: o.lowConfidence };
    return null;
  },
});
