import { z } from 'zod';
import { defineRule } from '../../engine/define-rule.js';
import { ctitShareBelow } from '../baseline.js';
import type { PartnerFeatures } from '../features.js';
import { r4, shareTest } from '../stats/share.js';

const options = z.object({
  maxSeconds: z.number().positive().default(10).describe('Conversions this soon after the click are "injected" (rounded down to a histogram edge).'),
  maxShare: z.number().min(0).max(1).default(0.15).describe('Largest acceptable share of such conversions (Wilson lower bound must exceed it).'),
  minConversions: z.number().int().min(1).default(5).describe('Fewer conversions with a known click time are never judged.'),
});

/**
 * `partner/click-injection`: a click fired seconds before a conversion that was going to
 * happen anyway (an install, a checkout) to steal its attribution. Real people take
 * minutes; a cluster of conversions within seconds of their click is the tell.
 */
export const clickInjection = defineRule<PartnerFeatures, typeof options>({
  meta: {
    id: 'partner/click-injection',
    subject: 'partner',
    description: 'A significant share of conversions came within seconds of their click (click injection).',
    defaultScore: 70,
    options,
    messages: { injection: '{{share}}% of conversions ({{count}} of {{of}}) came within {{seconds}} s of the click' },
  },
  evaluate(f, o) {
    const fast = ctitShareBelow(f.ctit, o.maxSeconds);
    const excess = shareTest(fast, o.maxShare, o.minConversions);
    if (excess === null) return null;
    return {
      data: { share: (excess.share * 100).toFixed(1), count: fast.count, of: fast.of, seconds: o.maxSeconds },
      evidence: { fastConversions: fast.count, conversionsWithClickTime: fast.of, maxSeconds: o.maxSeconds, share: r4(excess.share), lowerBound: r4(excess.lower) },
      confidence: excess.confidence,
    };
  },
});
