import { z } from 'zod';
import { defineRule, type Finding } from '../../engine/define-rule.js';
import type { SiteFeatures } from '../features.js';

const options = z.object({
  minSimilarity: z.number().min(0).max(1).default(0.3).describe('Word-set similarity (Jaccard) below which browser and crawler copies count as different content.'),
  minWords: z.number().int().min(0).default(50).describe('Compare text only when the crawler copy has at least this many words.'),
  contentConfidence: z.number().min(0).max(1).default(0.5).describe('Confidence of a content-only difference (sites also personalise).'),
});

/** `site/cloaking`: the page a browser gets differs from what a search crawler gets. */
export const cloaking = defineRule<SiteFeatures, typeof options>({
  meta: {
    id: 'site/cloaking',
    subject: 'site',
    description: 'The browser copy loads affiliate URLs the crawler copy does not, or their content differs widely.',
    defaultScore: 60,
    options,
    messages: {
      stuffingHidden: '{{count}} auto-loaded affiliate URL(s) served to browsers only, e.g. {{url}}',
      contentDiffers: 'browser and crawler copies differ (word similarity {{similarity}})',
    },
  },
  evaluate(features, o) {
    const c = features.cloaking;
    if (c === null) return null;
    const found: Finding[] = [];
    if (c.affiliateOnlyForBrowser.length > 0) {
      found.push({ messageId: 'stuffingHidden', data: { count: c.affiliateOnlyForBrowser.length, url: c.affiliateOnlyForBrowser[0]! }, evidence: { urls: [...c.affiliateOnlyForBrowser], textSimilarity: c.textSimilarity } });
    } else if (c.crawlerWordCount >= o.minWords && c.textSimilarity < o.minSimilarity) {
      found.push({ messageId: 'contentDiffers', confidence: o.contentConfidence, data: { similarity: c.textSimilarity }, evidence: { textSimilarity: c.textSimilarity, crawlerWordCount: c.crawlerWordCount, browserWordCount: features.content.wordCount } });
    }
    return found;
  },
});
