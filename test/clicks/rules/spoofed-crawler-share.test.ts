import { spoofedCrawlerShare } from '../../../src/clicks/rules/spoofed-crawler-share.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { partnerFeatures } from '../partner-features.js';

ruleTester(spoofedCrawlerShare, {
  valid: [{ name: 'none', features: partnerFeatures() }],
  invalid: [{ features: partnerFeatures({ clicks: 1000, clickHits: { 'click/spoofed-crawler': 80 } }), hits: [{ messageId: 'share', evidence: { count: 80, of: 1000 } }] }],
});
