import { cloaking } from '../../../src/site/rules/cloaking.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { siteFeatures } from '../site-features.js';

/** The firing and quiet cases of `cloaking` (listed in its docs page). */
export const cases = ruleCases(cloaking, {
  valid: [
    { name: 'check not run', features: siteFeatures() },
    { name: 'same page for both', features: siteFeatures({ cloaking: { textSimilarity: 0.97, affiliateOnlyForBrowser: [], crawlerWordCount: 880 } }) },
    { name: 'different but tiny crawler copy', features: siteFeatures({ cloaking: { textSimilarity: 0.1, affiliateOnlyForBrowser: [], crawlerWordCount: 10 } }) },
  ],
  invalid: [
    { name: 'stuffing served to browsers only', features: siteFeatures({ cloaking: { textSimilarity: 0.95, affiliateOnlyForBrowser: ['https://www.anrdoezrs.net/click-1-2'], crawlerWordCount: 800 } }), hits: [{ messageId: 'stuffingHidden', evidence: { urls: ['https://www.anrdoezrs.net/click-1-2'] } }] },
    { name: 'different content', features: siteFeatures({ cloaking: { textSimilarity: 0.05, affiliateOnlyForBrowser: [], crawlerWordCount: 700 } }), hits: [{ messageId: 'contentDiffers', evidence: { textSimilarity: 0.05 }, confidence: 0.5 }] },
  ],
});
