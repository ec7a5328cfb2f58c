import { z } from 'zod';
import { defineRule } from '../../engine/define-rule.js';
import type { PartnerFeatures } from '../features.js';
import { r4, shareTest } from '../stats/share.js';

const options = z.object({
  maxShare: z.number().min(0).max(1).default(0.1).describe('Largest acceptable share; the Wilson lower bound of the share must exceed it to hit.'),
  minClicks: z.number().int().min(1).default(50).describe('Fewer clicks than this are never judged.'),
});

/** `partner/bot-share`: A significant share of the partner's clicks came from bot user agents. */
export const botShare = defineRule<PartnerFeatures, typeof options>({
  meta: {
    id: 'partner/bot-share',
    subject: 'partner',
    description: "A significant share of the partner's clicks came from bot user agents.",
    defaultScore: 50,
    options,
    messages: { share: '{{share}}% of clicks ({{count}} of {{of}}) came from bot user agents (limit {{max}}%)' },
  },
  evaluate(f, o) {
    const share = f.bot;
    const excess = shareTest(share, o.maxShare, o.minClicks);
    if (excess === null) return null;
    return {
      data: { share: (excess.share * 100).toFixed(1), count: share.count, of: share.of, max: (o.maxShare * 100).toFixed(1) },
      evidence: { count: share.count, of: share.of, share: r4(excess.share), lowerBound: r4(excess.lower), maxShare: o.maxShare },
      confidence: excess.confidence,
    };
  },
});
