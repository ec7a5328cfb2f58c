import { z } from 'zod';
import { defineRule } from '../../engine/define-rule.js';
import type { SiteFeatures } from '../features.js';

const options = z.object({
  minLinks: z.number().int().min(1).default(20).describe('Affiliate links needed before density is judged.'),
  maxShare: z.number().min(0).max(1).default(0.5).describe('Share of all links that may be affiliate links.'),
  minWordsPerLink: z.number().min(0).default(25).describe('Visible words per affiliate link below which the page is a link farm.'),
});

/** `site/excessive-affiliate-links`: a link farm rather than content with some affiliate links. */
export const excessiveAffiliateLinks = defineRule<SiteFeatures, typeof options>({
  meta: {
    id: 'site/excessive-affiliate-links',
    subject: 'site',
    description: 'Affiliate links dominate the page (share of links, or words per affiliate link): a link farm, not content.',
    defaultScore: 30,
    options,
    messages: { dense: '{{affiliate}} of {{total}} links are affiliate links ({{wordsPerLink}} words per affiliate link)' },
  },
  evaluate(features, o) {
    const { affiliate, total } = features.links;
    if (affiliate < o.minLinks) return null;
    const share = affiliate / Math.max(1, total);
    const wordsPerLink = Math.round((features.content.wordCount / affiliate) * 10) / 10;
    if (share <= o.maxShare && wordsPerLink >= o.minWordsPerLink) return null;
    return {
      data: { affiliate, total, wordsPerLink },
      evidence: { affiliateLinks: affiliate, totalLinks: total, share: Math.round(share * 1000) / 1000, wordsPerLink, networks: features.links.networks.map((n) => `${n.network}:${n.count}`) },
    };
  },
});
