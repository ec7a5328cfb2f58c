import { conversionRateOutlier } from '../../../src/clicks/rules/conversion-rate-outlier.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { partnerFeatures, rate } from '../partner-features.js';

/** The firing and quiet cases of `conversionRateOutlier` (listed in its docs page). */
export const cases = ruleCases(conversionRateOutlier, {
  valid: [
    { name: 'at baseline', features: partnerFeatures() },
    { name: 'small sample with a high raw rate is shrunk', features: partnerFeatures({ clicks: 120, conversionRate: rate(120, 6) }) },
    { name: 'below the minimum volume', features: partnerFeatures({ clicks: 50, conversionRate: rate(50, 30) }) },
    { name: 'no baseline', features: partnerFeatures({ conversionRate: rate(1000, 300, false) }) },
  ],
  invalid: [
    { name: 'high', features: partnerFeatures({ clicks: 200, conversionRate: rate(200, 50) }), hits: [{ messageId: 'high', evidence: { clicks: 200, conversions: 50, baselineRate: 0.02 } }] },
    { name: 'low', features: partnerFeatures({ clicks: 3000, conversionRate: rate(3000, 1) }), hits: [{ messageId: 'low', evidence: { clicks: 3000, conversions: 1 }, confidence: 0.6 }] },
  ],
});
