import { z } from 'zod';
import { defineRule } from '../../engine/define-rule.js';
import type { PartnerFeatures } from '../features.js';
import { r4, shareTest } from '../stats/share.js';

const options = z.object({
  maxShare: z.number().min(0).max(1).default(0.1).describe('Largest acceptable share; the Wilson lower bound of the share must exceed it to hit.'),
  minClicks: z.number().int().min(1).default(50).describe('Fewer clicks than this are never judged.'),
});

/** `partner/datacenter-share`: A significant share of the partner's clicks came from hosting/datacenter addresses. */
export const datacenterShare = defineRule<PartnerFeatures, typeof options>({
  meta: {
    id: 'partner/datacenter-share',
    subject: 'partner',
    description: "A significant share of the partner's clicks came from hosting/datacenter addresses.",
    defaultScore: 40,
    options,
    messages: { share: '{{share}}% of clicks ({{count}} of {{of}}) came from datacenter addresses (limit {{max}}%)' },
  },
  evaluate(f, o) {
    const share = f.datacenter;
    const excess = shareTest(share, o.maxShare, o.minClicks);
    if (excess === null) return null;
    return {
      data: { share: (excess.share * 100).toFixed(1), count: share.count, of: share.of, max: (o.maxShare * 100).toFixed(1) },
      evidence: { count: share.count, of: share.of, share: r4(excess.share), lowerBound: r4(excess.lower), maxShare: o.maxShare },
      confidence: excess.confidence,
    };
  },
});
