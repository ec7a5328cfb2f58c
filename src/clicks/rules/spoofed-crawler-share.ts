import { z } from 'zod';
import { defineRule } from '../../engine/define-rule.js';
import type { PartnerFeatures } from '../features.js';
import { r4, shareTest } from '../stats/share.js';

const options = z.object({
  maxShare: z.number().min(0).max(1).default(0.02).describe('Largest acceptable share; the Wilson lower bound of the share must exceed it to hit.'),
  minClicks: z.number().int().min(1).default(50).describe('Fewer clicks than this are never judged.'),
});

/** `partner/spoofed-crawler-share`: Clicks claiming to be search or AI crawlers came from outside those crawlers' ranges. */
export const spoofedCrawlerShare = defineRule<PartnerFeatures, typeof options>({
  meta: {
    id: 'partner/spoofed-crawler-share',
    subject: 'partner',
    description: "Clicks claiming to be search or AI crawlers came from outside those crawlers' ranges.",
    defaultScore: 60,
    options,
    messages: { share: '{{share}}% of clicks ({{count}} of {{of}}) were fake crawlers (limit {{max}}%)' },
  },
  evaluate(f, o) {
    const share = f.spoofedCrawler;
    const excess = shareTest(share, o.maxShare, o.minClicks);
    if (excess === null) return null;
    return {
      data: { share: (excess.share * 100).toFixed(1), count: share.count, of: share.of, max: (o.maxShare * 100).toFixed(1) },
      evidence: { count: share.count, of: share.of, share: r4(excess.share), lowerBound: r4(excess.lower), maxShare: o.maxShare },
      confidence: excess.confidence,
    };
  },
});
