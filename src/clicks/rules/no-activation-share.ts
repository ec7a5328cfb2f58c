import { z } from 'zod';
import { defineRule } from '../../engine/define-rule.js';
import type { PartnerFeatures } from '../features.js';
import { r4, shareTest } from '../stats/share.js';

const options = z.object({
  maxShare: z.number().min(0).max(1).default(0.2).describe('Largest acceptable share; the Wilson lower bound of the share must exceed it to hit.'),
  minClicks: z.number().int().min(1).default(30).describe('Fewer clicks with logged sec-fetch headers than this are never judged (hosts that do not log them are never judged).'),
});

/** `partner/no-activation-share`: A significant share of clicks with logged sec-fetch headers had no user activation: the click-side trace of cookie stuffing. */
export const noActivationShare = defineRule<PartnerFeatures, typeof options>({
  meta: {
    id: 'partner/no-activation-share',
    subject: 'partner',
    description: "A significant share of clicks with logged sec-fetch headers had no user activation: the click-side trace of cookie stuffing.",
    defaultScore: 60,
    options,
    messages: { share: '{{share}}% of clicks with sec-fetch headers ({{count}} of {{of}}) had no user activation (limit {{max}}%)' },
  },
  evaluate(f, o) {
    const share = f.noActivation;
    const excess = shareTest(share, o.maxShare, o.minClicks);
    if (excess === null) return null;
    return {
      data: { share: (excess.share * 100).toFixed(1), count: share.count, of: share.of, max: (o.maxShare * 100).toFixed(1) },
      evidence: { count: share.count, of: share.of, share: r4(excess.share), lowerBound: r4(excess.lower), maxShare: o.maxShare },
      confidence: excess.confidence,
    };
  },
});
