import { z } from 'zod';
import { defineRule, type Finding } from '../../engine/define-rule.js';
import { ctitShareBelow } from '../baseline.js';
import type { PartnerFeatures } from '../features.js';
import { r4 } from '../stats/share.js';

const options = z.object({
  minClicks: z.number().int().min(1).default(1000).describe('Fewer clicks than this are never judged.'),
  volumeFactor: z.number().min(1).default(3).describe('"High volume" means at least this multiple of the program median clicks per partner.'),
  maxRateRatio: z.number().min(0).max(1).default(0.35).describe('"Near-zero conversion rate": the posterior 95% quantile is below this multiple of the baseline.'),
  concentratedSeconds: z.number().positive().default(3600).describe('Organic conversions cluster within this many seconds of the click.'),
  maxConcentratedShare: z.number().min(0).max(1).default(0.3).describe('At most this share within `concentratedSeconds` means click-to-conversion times are flat.'),
  minConversions: z.number().int().min(1).default(5).describe('Conversions with a known click time needed to judge the time profile.'),
});

/**
 * `partner/click-flooding`: masses of clicks fired on the chance that some later, organic
 * conversion gets attributed to one of them. The result is high volume, a conversion rate
 * near zero, and click-to-conversion times spread flat across the attribution window
 * instead of concentrated just after the click.
 */
export const clickFlooding = defineRule<PartnerFeatures, typeof options>({
  meta: {
    id: 'partner/click-flooding',
    subject: 'partner',
    description: 'High click volume with a near-zero conversion rate, and click-to-conversion times flat across the attribution window.',
    defaultScore: 55,
    options,
    messages: {
      flat: '{{clicks}} clicks, conversion rate far below baseline, and only {{share}}% of conversions within {{seconds}} s of the click',
      volume: '{{clicks}} clicks ({{factor}}× the program median) with a conversion rate far below baseline',
    },
  },
  evaluate(f, o): Finding | null {
    const cr = f.conversionRate;
    if (f.clicks < o.minClicks || cr.baseline === null) return null;
    const lowRate = cr.interval[1] < o.maxRateRatio * cr.baseline.rate;
    if (!lowRate) return null;
    const near = ctitShareBelow(f.ctit, o.concentratedSeconds);
    const factor = f.programMedianClicks > 0 ? f.clicks / f.programMedianClicks : 0;
    const evidence = {
      clicks: f.clicks,
      programMedianClicks: f.programMedianClicks,
      rate: r4(cr.rate),
      rateUpperBound: r4(cr.interval[1]),
      baselineRate: r4(cr.baseline.rate),
      conversionsWithClickTime: near.of,
      shareWithinConcentratedSeconds: near.of > 0 ? r4(near.count / near.of) : null,
    };
    if (near.of >= o.minConversions && near.count / near.of <= o.maxConcentratedShare) {
      return { messageId: 'flat', data: { clicks: f.clicks, share: ((near.count / near.of) * 100).toFixed(1), seconds: o.concentratedSeconds }, evidence };
    }
    if (factor >= o.volumeFactor) {
      return { messageId: 'volume', data: { clicks: f.clicks, factor: factor.toFixed(1) }, evidence, confidence: 0.7 };
    }
    return null;
  },
});
