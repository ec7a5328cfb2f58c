import { clickFlooding } from '../../../src/clicks/rules/click-flooding.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { ctit, partnerFeatures, rate } from '../partner-features.js';

const flat = ctit([20_000, 50_000, 90_000, 150_000, 200_000, 300_000, 400_000, 500_000]);

/** The firing and quiet cases of `clickFlooding` (listed in its docs page). */
export const cases = ruleCases(clickFlooding, {
  valid: [
    { name: 'ordinary', features: partnerFeatures() },
    { name: 'high volume at a normal rate', features: partnerFeatures({ clicks: 5000, conversionRate: rate(5000, 100) }) },
    { name: 'no baseline to compare with', features: partnerFeatures({ clicks: 5000, conversionRate: rate(5000, 2, false) }) },
  ],
  invalid: [
    { name: 'flat times', features: partnerFeatures({ clicks: 4000, conversionRate: rate(4000, 8), ctit: flat }), hits: [{ messageId: 'flat', evidence: { clicks: 4000, shareWithinConcentratedSeconds: 0 } }] },
    { name: 'volume, no conversions', features: partnerFeatures({ clicks: 4000, conversionRate: rate(4000, 0), ctit: ctit([]) }), hits: [{ messageId: 'volume', evidence: { clicks: 4000, programMedianClicks: 500 }, confidence: 0.7 }] },
  ],
});
