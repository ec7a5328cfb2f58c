import { spoofedCrawlerShare } from '../../../src/clicks/rules/spoofed-crawler-share.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { partnerFeatures } from '../partner-features.js';

/** The firing and quiet cases of `spoofedCrawlerShare` (listed in its docs page). */
export const cases = ruleCases(spoofedCrawlerShare, {
  valid: [{ name: 'none', features: partnerFeatures() }],
  invalid: [{ name: '8% fake crawlers', features: partnerFeatures({ clicks: 1000, clickHits: { 'click/spoofed-crawler': 80 } }), hits: [{ messageId: 'share', evidence: { count: 80, of: 1000 } }] }],
});
