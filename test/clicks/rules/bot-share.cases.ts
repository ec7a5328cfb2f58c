import { botShare } from '../../../src/clicks/rules/bot-share.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { partnerFeatures } from '../partner-features.js';

/** The firing and quiet cases of `botShare` (listed in its docs page). */
export const cases = ruleCases(botShare, {
  valid: [
    { name: 'ordinary', features: partnerFeatures() },
    { name: 'small sample: 3 of 5 is not significant', features: partnerFeatures({ clicks: 5, clickHits: { 'click/bot-agent': 3 } }) },
    { name: 'dormant', features: partnerFeatures({ status: 'dormant', clicks: 0, clickHits: {} }) },
  ],
  invalid: [{ name: '40% bot clicks', features: partnerFeatures({ clicks: 1000, clickHits: { 'click/bot-agent': 400 } }), hits: [{ messageId: 'share', evidence: { count: 400, of: 1000, share: 0.4 }, confidence: 1 }] }],
});
