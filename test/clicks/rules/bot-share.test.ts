import { botShare } from '../../../src/clicks/rules/bot-share.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { partnerFeatures } from '../partner-features.js';

ruleTester(botShare, {
  valid: [
    { name: 'ordinary', features: partnerFeatures() },
    { name: 'small sample: 3 of 5 is not significant', features: partnerFeatures({ clicks: 5, clickHits: { 'click/bot-agent': 3 } }) },
    { name: 'dormant', features: partnerFeatures({ status: 'dormant', clicks: 0, clickHits: {} }) },
  ],
  invalid: [{ features: partnerFeatures({ clicks: 1000, clickHits: { 'click/bot-agent': 400 } }), hits: [{ messageId: 'share', evidence: { count: 400, of: 1000, share: 0.4 }, confidence: 1 }] }],
});
