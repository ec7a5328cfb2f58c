import { z } from 'zod';
import { defineRule } from '../../engine/define-rule.js';
import type { SiteFeatures } from '../features.js';

const options = z.object({
  minWords: z.number().int().min(1).default(150).describe('Pages with fewer visible words are thin.'),
});

/** `site/thin-content`: too little visible text to be a content site. */
export const thinContent = defineRule<SiteFeatures, typeof options>({
  meta: {
    id: 'site/thin-content',
    subject: 'site',
    description: 'The page has too few visible words to be a content site; very thin pages count fully.',
    defaultScore: 20,
    options,
    messages: { thin: '{{words}} visible words (minimum {{min}})' },
  },
  evaluate(features, o) {
    if (!features.analysed || features.content.wordCount >= o.minWords) return null;
    const words = features.content.wordCount;
    return { confidence: words < o.minWords / 3 ? 1 : 0.5, data: { words, min: o.minWords }, evidence: { wordCount: words, minWords: o.minWords } };
  },
});
