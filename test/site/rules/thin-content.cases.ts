import { thinContent } from '../../../src/site/rules/thin-content.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { siteFeatures } from '../site-features.js';

const content = siteFeatures().content;

/** The firing and quiet cases of `thinContent` (listed in its docs page). */
export const cases = ruleCases(thinContent, {
  valid: [
    { name: 'enough words', features: siteFeatures() },
    { name: 'not analysed (fetch failed)', features: siteFeatures({ analysed: false, content: { ...content, wordCount: 0 } }) },
  ],
  invalid: [
    { name: 'nearly empty', features: siteFeatures({ content: { ...content, wordCount: 20 } }), hits: [{ messageId: 'thin', evidence: { wordCount: 20 }, confidence: 1 }] },
    { name: 'somewhat thin', features: siteFeatures({ content: { ...content, wordCount: 100 } }), hits: [{ messageId: 'thin', evidence: { wordCount: 100, minWords: 150 }, confidence: 0.5 }] },
  ],
});
